using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rewards.Tests;

/// <summary>Hand-built trajectories for the reward and tagging tests: one bash call per step, or an editor call.</summary>
internal static class Steps
{
    public static AgentStep Bash(int index, string command, string output = "", int? exit = 0, string? thought = null, bool isError = false) => new()
    {
        Index = index,
        Thought = thought,
        ToolCalls = [new ToolCall("bash", new JsonObject { ["command"] = command }) { Id = $"c{index}" }],
        Observations = [new Observation(output) { CallId = $"c{index}", ExitCode = exit, IsError = isError }],
    };

    public static AgentStep Edit(int index, string path, string oldText, string newText, string output = "The file has been edited.") => new()
    {
        Index = index,
        ToolCalls = [new ToolCall("str_replace_editor", new JsonObject { ["command"] = "str_replace", ["path"] = path, ["old_str"] = oldText, ["new_str"] = newText }) { Id = $"c{index}" }],
        Observations = [new Observation(output) { CallId = $"c{index}" }],
    };

    public static Trajectory Of(string? patch, params AgentStep[] steps) => new()
    {
        Id = "t",
        InstanceId = "demo__calculator-1",
        Provenance = new Provenance { Scaffold = "reference", SourceFormat = "reference", SourceFile = "raw", SourceSha256 = "0", Importer = "reference", ImporterVersion = 1 },
        Steps = steps,
        Patch = patch,
        ExitStatus = "submitted",
    };

    public static EvaluationFacts Resolved() => new("evaluated", null, true, ["t::fixed"], [], ["t::kept"], []);

    public static EvaluationFacts Unresolved(bool anyTargetPasses = false) =>
        new("evaluated", null, false, anyTargetPasses ? ["t::a"] : [], anyTargetPasses ? ["t::b"] : ["t::a", "t::b"], ["t::kept"], []);

    public static TrajectoryFacts Facts(Trajectory trajectory, EvaluationFacts evaluation, params string[] goldFiles) =>
        new("t", trajectory, evaluation, goldFiles.ToHashSet(StringComparer.Ordinal), []);
}
