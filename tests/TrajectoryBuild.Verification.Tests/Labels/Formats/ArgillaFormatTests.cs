using System.Text;
using System.Text.Json;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Labels.Formats;

namespace TrajectoryBuild.Verification.Tests.Labels.Formats;

public sealed class ArgillaFormatTests
{
    private static byte[] Export(IEnumerable<AnnotationItem> items, IEnumerable<TrajectoryAnnotation>? annotations = null, IEnumerable<GatePrediction>? predictions = null, IReadOnlyDictionary<string, Guid>? userIds = null)
    {
        using var stream = new MemoryStream();
        ArgillaFormat.WriteRecords(stream, items, annotations, predictions, userIds);
        return stream.ToArray();
    }

    private static IReadOnlyList<TrajectoryAnnotation> Import(string json) =>
        ArgillaFormat.ReadRecords(new MemoryStream(Encoding.UTF8.GetBytes(json)), "records.json");

    private static Dictionary<Guid, string> Directory(params string[] names) => names.ToDictionary(ArgillaFormat.UserId, n => n);

    [Fact]
    public void WriteRecords_ThenReadRecords_GivesTheOriginalLabels()
    {
        var records = Export(FormatSamples.Items, FormatSamples.Annotations, FormatSamples.Predictions);

        var read = ArgillaFormat.ReadRecords(new MemoryStream(records), "records.json", Directory("alice", "bob", "carol", "gold-ref"));

        FormatSamples.Jsonl(read).ShouldBe(FormatSamples.Jsonl(FormatSamples.Annotations));
    }

    [Fact]
    public void WriteRecords_GivenUserIds_UsesThemAndReadsThemBack()
    {
        var alice = Guid.Parse("2d9a4c1e-5b6f-4a70-8e21-93c4b5d6e7f8");
        var annotation = new TrajectoryAnnotation("traj-a", "alice", AnnotationKind.Human, [FormatSamples.Turn(0, 1, 2, 3, 2, 1)]);

        var records = Export(FormatSamples.Items, [annotation], userIds: new Dictionary<string, Guid> { ["alice"] = alice });

        Encoding.UTF8.GetString(records).ShouldContain($"\"user_id\": \"{alice}\"");
        var read = ArgillaFormat.ReadRecords(new MemoryStream(records), "records.json", new Dictionary<Guid, string> { [alice] = "alice" });
        FormatSamples.Jsonl(read).ShouldBe(FormatSamples.Jsonl([annotation]));
    }

    [Fact]
    public void WriteRecords_SameInputInAnotherOrder_SameBytes()
    {
        var bytes = FormatSamples.ExportInAnyOrder((items, annotations, predictions) => Export(items, annotations, predictions));

        Approvals.Verify(Encoding.UTF8.GetString(bytes), "argilla-records");
    }

    [Fact]
    public void WriteRecords_AnnotatorWithTwoKindsOnOneTurn_IsRefusedNamingTheRecord()
    {
        TrajectoryAnnotation[] annotations =
        [
            new("traj-a", "carol", AnnotationKind.Human, [FormatSamples.Turn(1, 3, 3, 3, 3, 3)]),
            new("traj-a", "carol", AnnotationKind.Adjudicated, [FormatSamples.Turn(1, 2, 2, 2, 2, 2)]),
        ];

        var error = Should.Throw<ArgumentException>(() => Export(FormatSamples.Items, annotations));

        error.Message.ShouldStartWith("record traj-a:1: 'carol' labels the turn twice (human and adjudicated)");
    }

    [Fact]
    public void ReadRecords_RealArgillaExport_KeepsDraftsSkipsDiscardedAndMapsKnownUsers()
    {
        var read = ArgillaFormat.ReadRecords(
            File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "formats", "argilla-records.json")),
            "argilla-records.json",
            new Dictionary<Guid, string> { [Guid.Parse("2d9a4c1e-5b6f-4a70-8e21-93c4b5d6e7f8")] = "alice" });

        FormatSamples.Jsonl(read).ShouldBe(
            """
            {"trajectory_id":"traj-a","annotator":"alice","kind":"human","submitted":true,"guidelines_version":1,"turns":[{"turn":0,"relevance":3,"factual_grounding":2,"tool_selection":null,"redundancy":null,"unsafe_edits":null,"comment":"checked the grep output"},{"turn":1,"relevance":2,"factual_grounding":null,"tool_selection":null,"redundancy":null,"unsafe_edits":3,"comment":null}]}
            {"trajectory_id":"traj-a","annotator":"c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f","kind":"human","submitted":false,"guidelines_version":1,"turns":[{"turn":1,"relevance":3,"factual_grounding":null,"tool_selection":null,"redundancy":null,"unsafe_edits":null,"comment":null}]}
            {"trajectory_id":"traj-a","annotator":"6f1c2b7e-8a34-4d2e-9b51-0c7d3e2f1a90","kind":"gold","submitted":true,"guidelines_version":1,"turns":[{"turn":0,"relevance":3,"factual_grounding":3,"tool_selection":null,"redundancy":null,"unsafe_edits":null,"comment":null}]}

            """.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("""[{"id":"t:0","metadata":{"trajectory_id":"t","turn":0},"responses":{"relevancy":[{"value":3,"user_id":"u"}]}}]""", "records.json: record t:0 ($[0].responses.relevancy): unknown question 'relevancy' (the dataset's questions are relevance,")]
    [InlineData("""[{"id":"t:0","metadata":{"trajectory_id":"t","turn":0},"responses":{"tool_selection":[{"value":3,"user_id":"u"},{"value":4,"user_id":"v"}]}}]""", "records.json: record t:0 ($[0].responses.tool_selection[1].value): tool_selection is 4, not a level of the scale")]
    [InlineData("""[{"id":"t:0","metadata":{"trajectory_id":"t","turn":0},"responses":{"relevance":[{"value":3}]}}]""", "records.json: record t:0 ($[0].responses.relevance[0].user_id): missing")]
    [InlineData("""[{"id":"t:0","metadata":{"trajectory_id":"t","turn":0},"responses":{"relevance":[{"value":3,"user_id":"u","status":"pending"}]}}]""", "records.json: record t:0 ($[0].responses.relevance[0].status): unknown response status 'pending'")]
    [InlineData("""[{"id":"t:0","metadata":{"turn":0}}]""", "records.json: record t:0 ($[0].metadata.trajectory_id): missing")]
    [InlineData("""[{"fields":{"turn_text":"x"}}]""", "records.json: record #1 ($[0]): not a record with metadata")]
    public void ReadRecords_BadRecord_NamesFileRecordAndLocation(string json, string expected)
    {
        var error = Should.Throw<LabelFileException>(() => Import(json));

        error.Message.ShouldStartWith(expected);
    }

    [Fact]
    public void DatasetSettings_HasARatingQuestionPerAxisWithTheGuidelinesAndUniqueNames()
    {
        var settings = ArgillaFormat.DatasetSettings();

        using var document = JsonDocument.Parse(settings);
        var root = document.RootElement;
        var questions = root.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!);
        foreach (var axis in Axes.All)
        {
            var question = questions[axis.Name];
            question.GetProperty("settings").GetProperty("type").GetString().ShouldBe("rating");
            question.GetProperty("settings").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetInt32()).ShouldBe([1, 2, 3]);
            question.GetProperty("description").GetString()!.ShouldContain(axis.Levels[0].Guideline);
        }

        var names = root.GetProperty("questions").EnumerateArray()
            .Concat(root.GetProperty("fields").EnumerateArray())
            .Concat(root.GetProperty("metadata").EnumerateArray())
            .Select(e => e.GetProperty("name").GetString())
            .ToList();
        names.ShouldBeUnique();
        root.GetProperty("guidelines").GetString()!.ShouldContain($"guidelines v{Axes.GuidelinesVersion}");
        Approvals.Verify(settings, "argilla-settings");
    }
}
