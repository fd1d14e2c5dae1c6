using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Labels.Formats;

namespace TrajectoryBuild.Verification.Tests.Labels.Formats;

public sealed class LabelStudioFormatTests
{
    private static byte[] Export(IEnumerable<AnnotationItem> items, IEnumerable<TrajectoryAnnotation>? annotations = null, IEnumerable<GatePrediction>? predictions = null)
    {
        using var stream = new MemoryStream();
        LabelStudioFormat.WriteTasks(stream, items, annotations, predictions);
        return stream.ToArray();
    }

    private static IReadOnlyList<TrajectoryAnnotation> Import(string json, string path = "export.json") =>
        LabelStudioFormat.ReadExport(new MemoryStream(Encoding.UTF8.GetBytes(json)), path);

    [Fact]
    public void WriteTasks_ThenReadExport_GivesTheOriginalLabels()
    {
        var tasks = Export(FormatSamples.Items, FormatSamples.Annotations, FormatSamples.Predictions);

        var read = LabelStudioFormat.ReadExport(new MemoryStream(tasks), "tasks.json");

        FormatSamples.Jsonl(read).ShouldBe(FormatSamples.Jsonl(FormatSamples.Annotations));
    }

    [Fact]
    public void WriteTasks_SameInputInAnotherOrder_SameBytes()
    {
        var bytes = FormatSamples.ExportInAnyOrder((items, annotations, predictions) => Export(items, annotations, predictions));

        Approvals.Verify(Encoding.UTF8.GetString(bytes), "label-studio-tasks");
    }

    [Fact]
    public void WriteTasks_OneTaskPerTurn_WithAnnotationsDraftsAndPredictionsInLabelStudioShape()
    {
        using var document = JsonDocument.Parse(Export(FormatSamples.Items, FormatSamples.Annotations, FormatSamples.Predictions));
        var tasks = document.RootElement.EnumerateArray().ToList();

        tasks.Select(t => $"{t.GetProperty("data").GetProperty("trajectory_id").GetString()}:{t.GetProperty("data").GetProperty("turn").GetInt32()}")
            .ShouldBe(["traj-a:0", "traj-a:1", "traj-a:2", "traj-b:0", "traj-b:1"]);
        var turn1 = tasks[1];
        var annotations = turn1.GetProperty("annotations").EnumerateArray().ToList();
        annotations.Select(a => a.GetProperty("completed_by").GetProperty("email").GetString()).ShouldBe(["alice", "carol", "gold-ref"]);
        annotations.Select(a => a.GetProperty("ground_truth").GetBoolean()).ShouldBe([false, false, true]);
        var region = annotations[0].GetProperty("result")[0];
        region.GetProperty("from_name").GetString().ShouldBe("relevance");
        region.GetProperty("to_name").GetString().ShouldBe(LabelStudioConfig.TargetName);
        region.GetProperty("type").GetString().ShouldBe("choices");
        region.GetProperty("value").GetProperty("choices")[0].GetString().ShouldBe("2");
        region.GetProperty("id").GetString()!.Length.ShouldBe(10);
        var prediction = turn1.GetProperty("predictions")[0];
        prediction.GetProperty("model_version").GetString().ShouldBe("gate-v1");
        prediction.GetProperty("score").GetDouble().ShouldBe(0.625);
        tasks[4].GetProperty("drafts")[0].GetProperty("user").GetString().ShouldBe("alice");
        tasks[2].GetProperty("data").GetProperty("observation").GetString()!.ShouldContain("[... 60 lines folded ...]");
    }

    [Fact]
    public void ReadExport_RealLabelStudioExport_ToleratesExtraFieldsSkipsCancelledAndMapsUsers()
    {
        var read = LabelStudioFormat.ReadExport(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "formats", "label-studio-export.json")), "label-studio-export.json");

        FormatSamples.Jsonl(read).ShouldBe(
            """
            {"trajectory_id":"traj-a","annotator":"alice@example.com","kind":"human","submitted":true,"guidelines_version":1,"turns":[{"turn":0,"relevance":3,"factual_grounding":2,"tool_selection":3,"redundancy":3,"unsafe_edits":3,"comment":null},{"turn":1,"relevance":2,"factual_grounding":1,"tool_selection":2,"redundancy":3,"unsafe_edits":3,"comment":"guessed the cause"}]}
            {"trajectory_id":"traj-a","annotator":"label-studio-user-7","kind":"human","submitted":false,"guidelines_version":1,"turns":[{"turn":1,"relevance":3,"factual_grounding":null,"tool_selection":null,"redundancy":null,"unsafe_edits":null,"comment":null}]}
            {"trajectory_id":"traj-a","annotator":"reviewer@example.com","kind":"adjudicated","submitted":true,"guidelines_version":1,"turns":[{"turn":1,"relevance":2,"factual_grounding":1,"tool_selection":2,"redundancy":3,"unsafe_edits":3,"comment":null}]}
            {"trajectory_id":"traj-a","annotator":"label-studio-user-3","kind":"gold","submitted":true,"guidelines_version":1,"turns":[{"turn":0,"relevance":3,"factual_grounding":3,"tool_selection":3,"redundancy":3,"unsafe_edits":3,"comment":null}]}

            """.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("""[{"id":17,"data":{"trajectory_id":"t","turn":0},"annotations":[{"completed_by":1,"result":[{"from_name":"relevance","value":{"choices":["3"]}},{"from_name":"relevence","value":{"choices":["3"]}}]}]}]""", "export.json: task 17 ($[0].annotations[0].result[1]): unknown control 'relevence' (the labeling config names relevance,")]
    [InlineData("""[{"id":17,"data":{"trajectory_id":"t","turn":0},"annotations":[{"completed_by":1,"result":[{"from_name":"redundancy","value":{"choices":["5"]}}]}]}]""", "export.json: task 17 ($[0].annotations[0].result[0]): redundancy is \"5\", not a level of the scale (a score is 1 to 3;")]
    [InlineData("""[{"id":17,"data":{"trajectory_id":"t","turn":0},"annotations":[{"completed_by":1,"result":[{"from_name":"redundancy","value":{"rating":0}}]}]}]""", "export.json: task 17 ($[0].annotations[0].result[0]): redundancy is 0, not a level of the scale")]
    [InlineData("""[{"data":{"turn":0},"annotations":[]}]""", "export.json: task #1 ($[0].data.trajectory_id): missing (a non-empty string is required)")]
    [InlineData("""[{"id":2,"data":{"trajectory_id":"t","turn":"one"}}]""", "export.json: task 2 ($[0].data.turn): missing or not a 0-based turn index")]
    [InlineData("""[{"id":2,"data":{"trajectory_id":"t","turn":1},"annotations":[{"result":[]}]}]""", "export.json: task 2 ($[0].annotations[0]): no annotator")]
    [InlineData("""[{"id":2,"data":{"trajectory_id":"t","turn":1},"annotations":[{"completed_by":1,"result":[]},{"completed_by":{"id":1},"result":[]}]}]""", "export.json: task 2 ($[0].annotations[1]): a second human label of trajectory 't' turn 1 by 'label-studio-user-1' (the first is $[0].annotations[0])")]
    [InlineData("""{"data":{}}""", "export.json: expected a JSON array, found Object (expected a Label Studio JSON export")]
    public void ReadExport_BadExport_NamesFileTaskAndLocation(string json, string expected)
    {
        var error = Should.Throw<LabelFileException>(() => Import(json));

        error.Message.ShouldStartWith(expected);
        error.Path.ShouldBe("export.json");
    }

    [Fact]
    public void ReadExport_InvalidJson_NamesTheLine()
    {
        var error = Should.Throw<LabelFileException>(() => Import("[\n{\"data\":\n}]"));

        error.Line.ShouldBe(3);
        error.Message.ShouldStartWith("export.json:3: not valid JSON");
    }

    [Fact]
    public void ReadExport_CancelledAnnotation_IsSkipped()
    {
        var read = Import("""[{"id":1,"data":{"trajectory_id":"t","turn":0},"annotations":[{"completed_by":1,"was_cancelled":true,"result":[{"from_name":"nonsense"}]}]}]""");

        read.ShouldBeEmpty();
    }

    [Fact]
    public void LabelingConfig_HasAChoicesControlPerAxisWithEveryLevelAndItsGuideline()
    {
        var xml = LabelStudioFormat.LabelingConfig();

        var view = XElement.Parse(xml);
        var choices = view.Elements("Choices").ToDictionary(c => (string)c.Attribute("name")!);
        foreach (var axis in Axes.All)
        {
            var control = choices[axis.Name];
            ((string)control.Attribute("toName")!).ShouldBe(LabelStudioConfig.TargetName);
            control.Elements("Choice").Select(c => (string)c.Attribute("alias")!).ShouldBe(axis.Levels.Select(l => l.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            control.Elements("Choice").Select(c => (string)c.Attribute("hint")!).ShouldBe(axis.Levels.Select(l => l.Guideline));
        }

        view.Elements("Text").Select(t => (string)t.Attribute("value")!).ShouldAllBe(v => LabelStudioConfig.DataKeys.Contains(v.TrimStart('$')));
        xml.ShouldBe(LabelStudioConfig.Xml());
        Approvals.Verify(xml, "label-studio-config");
    }
}
