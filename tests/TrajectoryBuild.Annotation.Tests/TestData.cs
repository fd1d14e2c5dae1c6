using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Sampling;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>Small trajectories and slices built in code.</summary>
internal static class TestData
{
    public const string Script = "<script>window.__xss = 1; alert('xss')</script>";
    public const string Image = "<img src=x onerror=\"window.__xss = 2\">";

    /// <summary>Markup that runs script, loads something or navigates if a page ever parses it, each with the raw text that shows it was not encoded.</summary>
    public static readonly (string Payload, string Raw)[] Vectors =
    [
        (Script, "<script>window"),
        (Image, "<img src=x"),
        ("<svg onload=\"window.__xss = 3\"></svg>", "<svg onload"),
        ("<iframe src=\"javascript:parent.__xss = 4\"></iframe>", "<iframe"),
        ("<a id=\"xss-link\" href=\"javascript:window.__xss = 5\">click me</a>", "<a id=\"xss-link\""),
        ("\"><script>window.__xss = 6</script>", "\"><script>"),
        ("</textarea></title></pre><script>window.__xss = 7</script>", "</textarea></title>"),
        ("<style>body { display: none }</style>", "<style>"),
        ("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">", "<meta http-equiv"),
        ("<b>bold</b>", "<b>bold"),
    ];

    /// <summary>All the <see cref="Vectors"/> in one text.</summary>
    public static string Hostile => string.Join(" ", Vectors.Select(v => v.Payload));

    public static Trajectory Trajectory(string id, int turns, string? payload = null) => new()
    {
        Id = id,
        InstanceId = "demo__calculator-1",
        Provenance = new Provenance
        {
            Scaffold = "reference",
            Model = "test-model",
            SourceFormat = "trajbuild",
            SourceFile = "runs/" + id + ".json",
            SourceSha256 = new string('0', 64),
            Importer = "test",
            ImporterVersion = 1,
        },
        Prompt = [new Message("system", "You are a careful engineer."), new Message("user", "Fix the division bug. " + payload)],
        Steps = [.. Enumerable.Range(0, turns).Select(i => new AgentStep
        {
            Index = i,
            Thought = $"Turn {i}: look at calculator.py {payload}",
            ToolCalls = [new ToolCall("bash", new JsonObject { ["command"] = $"cat calculator.py # {i}{(payload is null ? "" : " " + payload)}" }) { Id = $"call{i}" }],
            Observations = [new Observation($"def divide(a, b):\n    return a / b\n{payload}") { CallId = $"call{i}", ExitCode = 0 }],
        })],
        Patch = "diff --git a/calculator.py b/calculator.py\n--- a/calculator.py\n+++ b/calculator.py\n@@ -1,2 +1," + (payload is null ? "4" : "5") + " @@\n def divide(a, b):\n-    return a / b\n+    if b == 0:\n+        raise ZeroDivisionError\n+    return a / b\n"
            + (payload is null ? "" : $"+# {payload.ReplaceLineEndings(" ")}\n"),
        ExitStatus = "submitted",
    };

    public static SliceItem Item(string id, int turns, int annotators = 1, string? payload = null) =>
        new(id, "demo|reference|test-model|resolved|short", SliceReason.Random, annotators, Trajectory(id, turns, payload)) { Outcome = "resolved", GateScore = 0.5 };

    public static IReadOnlyList<SliceItem> Slice(int items, int turns, int annotators = 1) =>
        [.. Enumerable.Range(0, items).Select(i => Item($"t{i:000}", turns, annotators))];

    public static TrajectoryAnnotation Gold(string id, int turns, int score = 3) =>
        new(id, "gold-author", AnnotationKind.Gold, [.. Enumerable.Range(0, turns).Select(t => new TurnLabel(t, new TurnScores([score, score, score, score, score])))]);
}
