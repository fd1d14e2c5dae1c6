using System.Text.Json.Nodes;
using TrajectoryBuild.Rewards.Process;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Rewards.Tests.Process;

/// <summary>Builders the process-reward tests add to <see cref="Steps"/>: whole-file writes, human turns, heuristic runs.</summary>
internal static class Labels
{
    public static AgentStep Create(int index, string path, string text) => new()
    {
        Index = index,
        ToolCalls = [new ToolCall("str_replace_editor", new JsonObject { ["command"] = "create", ["path"] = path, ["file_text"] = text }) { Id = $"c{index}" }],
        Observations = [new Observation($"File created successfully at: {path}") { CallId = $"c{index}" }],
    };

    /// <summary>A human turn whose five axes all have <paramref name="score"/>.</summary>
    public static VerifiedTurn Human(int turn, int score, string source = "human") => new(turn, new TurnScores([score, score, score, score, score]), source);

    public static TrajectoryFacts WithTurns(this TrajectoryFacts facts, params VerifiedTurn[] turns) => facts with { Turns = turns };

    /// <summary>The labels the heuristic named <paramref name="name"/> gives, as (step, label) pairs in step order.</summary>
    public static (int Step, int Label)[] Run(string name, TrajectoryFacts facts) =>
        [.. StepHeuristics.Find(name)!.Label(facts).Select(p => (p.Key, p.Value.Label))];

    public static TrajectoryFacts Unresolved(params AgentStep[] steps) => Steps.Facts(Steps.Of(null, steps), Steps.Unresolved(), "calc/ops.py");
}
