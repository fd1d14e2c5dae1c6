using System.Text.Json.Nodes;
using TrajectoryBuild.Rewards.Outcome;
using TrajectoryBuild.Rewards.Process;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Packaging.Tests.Corpora;

/// <summary>Hand-built package records: a prompt, bash steps with labels, a resolved flag.</summary>
internal static class Records
{
    public static AgentStep Bash(int index, string command, string output, string? thought = null, string? id = null) => new()
    {
        Index = index,
        Thought = thought,
        ToolCalls = [new ToolCall("bash", new JsonObject { ["command"] = command }) { Id = id }],
        Observations = [new Observation(output) { CallId = id }],
    };

    public static PackageRecord Of(string id, bool resolved, (AgentStep Step, int Label)[] steps, string task = "demo__calc-1") => new(
        id,
        new Trajectory
        {
            Id = id,
            InstanceId = task,
            Provenance = new Provenance { Scaffold = "reference", SourceFormat = "reference", SourceFile = "raw", SourceSha256 = "0", Importer = "reference", ImporterVersion = 1 },
            Tools = [new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "bash", ["description"] = "Run a command", ["parameters"] = new JsonObject { ["type"] = "object" } } }],
            Prompt = [new Message("system", "You are a coding agent."), new Message("user", "Fix the add function.")],
            Steps = [.. steps.Select(s => s.Step)],
        },
        resolved,
        new RewardRecord(id, new OutcomeReward(resolved ? 1 : 0, resolved, resolved ? 1 : 0, 1, "report"), [.. steps.Select(s => new StepReward(s.Step.Index, s.Label, s.Label == 0 ? 0.6 : 0.5 + (0.5 * s.Label), "heuristics", []))], 1),
        resolved ? null : "wrong_fix",
        new RecordProvenance(task, "demo/calc", "abc123", "sha256:img", "sha256:ver", "sha256:traj-" + id, "reference@1", "scripted"));

    public static PackageRecord Typical(string id = "t1", bool resolved = true, string task = "demo__calc-1") => Of(id, resolved,
    [
        (Bash(0, "cat calc.py", "def add(a, b): return a - b", thought: "Look at the code.", id: "c0"), 1),
        (Bash(1, "rm -rf /", "permission denied", thought: "Oops."), -1),
        (Bash(2, "sed -i s/-/+/ calc.py", "", id: resolved ? "c2" : "x2"), resolved ? 1 : 0),
    ], task);
}
