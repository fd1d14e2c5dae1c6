using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Labels.Formats;

namespace TrajectoryBuild.Verification.Tests.Labels.Formats;

/// <summary>Two small trajectories with labels of every kind and gate predictions, shared by the format tests.</summary>
internal static class FormatSamples
{
    public static AnnotationItem[] Items { get; } =
    [
        new("traj-b", Trajectory("sqlfluff__sqlfluff-2419", steps: 2)),
        new("traj-a", Trajectory("astropy__astropy-12907", steps: 3)),
    ];

    public static TrajectoryAnnotation[] Annotations { get; } =
    [
        new("traj-a", "alice", AnnotationKind.Human, [Turn(0, 3, 3, 3, 3, 3), Turn(1, 2, 1, null, 3, 3) with { Comment = "claims the test \"passes\" <before> running it" }]),
        new("traj-a", "bob", AnnotationKind.Human, [Turn(0, 3, 2, 3, 3, 3), Turn(2, 1, 1, 1, 1, 1)]),
        new("traj-a", "carol", AnnotationKind.Adjudicated, [Turn(1, 2, 1, 2, 3, 3)]),
        new("traj-a", "gold-ref", AnnotationKind.Gold, [Turn(0, 3, 3, 3, 3, 3), Turn(1, 2, 1, 2, 3, 3), Turn(2, 1, 1, 1, 1, 2)]),
        new("traj-b", "alice", AnnotationKind.Human, [Turn(1, 3, 3, 2, 2, 3)]) { Submitted = false },
        new("traj-b", "bob", AnnotationKind.Human, [Turn(0, null, null, null, null, null) with { Comment = "unsure: skipped" }, Turn(1, 3, 3, 3, 3, 3)]),
    ];

    public static GatePrediction[] Predictions { get; } =
    [
        new("traj-a", 1, new TurnScores([2, 2, 2, 3, 3]), 0.625, "gate-v1"),
        new("traj-b", 0, new TurnScores([3, 3, 3, 3, null]), 0.9, "gate-v1"),
    ];

    /// <summary>Exports the samples, then again with every input reversed, checks the bytes are the same and returns them.</summary>
    public static byte[] ExportInAnyOrder(Func<IEnumerable<AnnotationItem>, IEnumerable<TrajectoryAnnotation>, IEnumerable<GatePrediction>, byte[]> export)
    {
        var first = export(Items, Annotations, Predictions);
        var second = export(Items.Reverse(), Annotations.Reverse(), Predictions.Reverse());
        second.ShouldBe(first);
        return first;
    }

    public static TurnLabel Turn(int turn, params int?[] scores) => new(turn, new TurnScores(scores));

    public static string Jsonl(IEnumerable<TrajectoryAnnotation> annotations)
    {
        using var stream = new MemoryStream();
        LabelsJsonl.Write(stream, annotations);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Trajectory Trajectory(string instanceId, int steps) => new()
    {
        InstanceId = instanceId,
        Provenance = new Provenance
        {
            Scaffold = "swe-agent",
            Model = "claude-test",
            SourceFormat = "swe-agent",
            SourceFile = "runs/a.traj",
            SourceSha256 = new string('0', 64),
            Importer = "swe-agent",
            ImporterVersion = 1,
        },
        Prompt = [new Message("system", "You are a helpful agent."), new Message("user", $"Fix {instanceId}: the separability matrix is wrong for nested models.")],
        Steps = [.. Enumerable.Range(0, steps).Select(Step)],
    };

    private static AgentStep Step(int index) => new()
    {
        Index = index,
        Thought = $"Step {index}: look at the code & run the <tests>.",
        ToolCalls = index % 2 == 0
            ? [new ToolCall("bash", new JsonObject { ["command"] = $"grep -rn separability src | head -{index + 1}" })]
            : [new ToolCall("str_replace_editor", new JsonObject { ["command"] = "str_replace", ["path"] = "/repo/separable.py", ["old_str"] = "x", ["new_str"] = "y" })],
        Observations = [new Observation(string.Join('\n', Enumerable.Range(1, index == 2 ? 100 : 3).Select(i => $"line {i}"))) { ExitCode = index == 2 ? 1 : 0 }],
    };
}
