using System.Text;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Tests.Labels;

public sealed class LabelsJsonlTests
{
    private static TurnLabel Turn(int turn, params int?[] scores) => new(turn, new TurnScores(scores));

    [Fact]
    public void Write_SortsAndWritesEveryField_ReadGivesTheSameAnnotations()
    {
        var annotations = new[]
        {
            new TrajectoryAnnotation("t2", "bob", AnnotationKind.Human, [Turn(1, 3, 2, null, 3, 3), Turn(0, 1, 1, 1, 1, 1)]),
            new TrajectoryAnnotation("t1", "carol", AnnotationKind.Adjudicated, [Turn(0, 2, 2, 2, 2, 2) with { Comment = "tie \"broken\"" }]),
            new TrajectoryAnnotation("t1", "alice", AnnotationKind.Human, []) { Submitted = false },
        };
        using var stream = new MemoryStream();

        LabelsJsonl.Write(stream, annotations);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        text.ShouldBe(
            """
            {"trajectory_id":"t1","annotator":"alice","kind":"human","submitted":false,"guidelines_version":1,"turns":[]}
            {"trajectory_id":"t1","annotator":"carol","kind":"adjudicated","submitted":true,"guidelines_version":1,"turns":[{"turn":0,"relevance":2,"factual_grounding":2,"tool_selection":2,"redundancy":2,"unsafe_edits":2,"comment":"tie \u0022broken\u0022"}]}
            {"trajectory_id":"t2","annotator":"bob","kind":"human","submitted":true,"guidelines_version":1,"turns":[{"turn":0,"relevance":1,"factual_grounding":1,"tool_selection":1,"redundancy":1,"unsafe_edits":1,"comment":null},{"turn":1,"relevance":3,"factual_grounding":2,"tool_selection":null,"redundancy":3,"unsafe_edits":3,"comment":null}]}

            """.ReplaceLineEndings("\n"));
        var read = LabelsJsonl.Read(new StringReader(text), "labels.jsonl");
        read.Count.ShouldBe(3);
        read[2].Turns.Select(t => t.Turn).ShouldBe([0, 1]);
        read[2].Turns[1].Scores.ShouldBe(new TurnScores([3, 2, null, 3, 3]));
        read[1].Turns[0].Comment.ShouldBe("tie \"broken\"");
        read[0].Submitted.ShouldBeFalse();
    }

    [Theory]
    [InlineData("{\"trajectory_id\":\"t\",\"annotator\":\"a\",\"kind\":\"human\",\"guidelines_version\":1,\"turns\":[{\"turn\":0,\"relevance\":4}]}", "labels.jsonl:2: turn 0: relevance is 4 (a score is 1 to 3, or null when not scored)")]
    [InlineData("{\"trajectory_id\":\"t\",\"annotator\":\"a\",\"kind\":\"human\",\"guidelines_version\":1,\"turns\":[],\"extra\":1}", "labels.jsonl:2: unknown field 'extra'")]
    [InlineData("{\"trajectory_id\":\"t\",\"annotator\":\"a\",\"kind\":\"robot\",\"guidelines_version\":1,\"turns\":[]}", "labels.jsonl:2: unknown kind 'robot' (use human, adjudicated or gold)")]
    [InlineData("{\"trajectory_id\":\"t\",\"annotator\":\"a\",\"kind\":\"human\",\"guidelines_version\":2,\"turns\":[]}", "labels.jsonl:2: guidelines_version is 2")]
    [InlineData("{\"annotator\":\"a\",\"kind\":\"human\",\"guidelines_version\":1,\"turns\":[]}", "labels.jsonl:2: missing 'trajectory_id'")]
    [InlineData("{\"trajectory_id\":\"t\",\"annotator\":\"a\",\"kind\":\"human\",\"guidelines_version\":1,\"turns\":[{\"turn\":0},{\"turn\":0}]}", "labels.jsonl:2: turn 0 is labelled twice")]
    [InlineData("{not json", "labels.jsonl:2: not valid JSON")]
    public void Read_BadLine_NamesFileLineAndProblem(string line, string expected)
    {
        var text = "\n" + line + "\n";

        var error = Should.Throw<LabelFileException>(() => LabelsJsonl.Read(new StringReader(text), "labels.jsonl"));

        error.Message.ShouldStartWith(expected);
        error.Line.ShouldBe(2);
    }

    [Fact]
    public void Read_SameTrajectoryAnnotatorAndKindTwice_IsRefused()
    {
        const string line = "{\"trajectory_id\":\"t\",\"annotator\":\"a\",\"kind\":\"human\",\"guidelines_version\":1,\"turns\":[]}";

        var error = Should.Throw<LabelFileException>(() => LabelsJsonl.Read(new StringReader(line + "\n" + line), "l.jsonl"));

        error.Message.ShouldContain("l.jsonl:2: a second human annotation of trajectory 't' by 'a' (the first is on line 1)");
    }

    [Fact]
    public void TurnScores_OutOfScale_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new TurnScores([0, null, null, null, null]));
}
