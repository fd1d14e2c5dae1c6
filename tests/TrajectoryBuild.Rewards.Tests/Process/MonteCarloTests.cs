using TrajectoryBuild.Rewards.Process;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Process;

public sealed class MonteCarloTests
{
    // Four rollouts of one task:   r1: ls, cat, edit-good (resolved)   r2: ls, cat, edit-good (resolved)
    //                              r3: ls, cat, edit-bad (unresolved)  r4: ls, grep (unresolved)
    private static readonly RolloutOutcome[] s_rollouts =
    [
        new("r1", Of(null, Bash(0, "ls"), Bash(1, "cat calc/ops.py"), Edit(2, "calc/ops.py", "a - b", "a + b")), true),
        new("r2", Of(null, Bash(0, "ls", "different output"), Bash(1, "cat calc/ops.py"), Edit(2, "calc/ops.py", "a - b", "a + b")), true),
        new("r3", Of(null, Bash(0, "ls"), Bash(1, "cat calc/ops.py"), Edit(2, "calc/ops.py", "a - b", "b + a")), false),
        new("r4", Of(null, Bash(0, "ls"), Bash(1, "grep -rn add calc")), false),
    ];

    [Fact]
    public void Estimate_FractionOfRolloutsSharingThePrefixThatResolve()
    {
        var estimate = MonteCarlo.Estimate(s_rollouts);

        Scores(estimate["r1"]).ShouldBe([(0, 0, 0.5), (1, 1, 0.666667), (2, 1, 1.0)]);
        Scores(estimate["r3"]).ShouldBe([(0, 0, 0.5), (1, 1, 0.666667)]);
        Scores(estimate["r4"]).ShouldBe([(0, 0, 0.5)]);
        estimate["r1"][1].Evidence.ShouldBe("step 1: 2 of 3 rollouts sharing the first 2 actions resolve");
        estimate["r1"][2].Source.ShouldBe("monte_carlo");
    }

    [Fact]
    public void Estimate_MinRollouts_SilencesThinPrefixes()
    {
        var estimate = MonteCarlo.Estimate(s_rollouts, minRollouts: 3);

        Scores(estimate["r1"]).ShouldBe([(0, 0, 0.5), (1, 1, 0.666667)]);
        Scores(estimate["r4"]).ShouldBe([(0, 0, 0.5)]);
    }

    [Fact]
    public void Estimate_PrefixIdentityIgnoresArgumentOrder()
    {
        var a = new Trajectories.Model.ToolCall("str_replace_editor", new() { ["command"] = "view", ["path"] = "a.py" });
        var b = new Trajectories.Model.ToolCall("str_replace_editor", new() { ["path"] = "a.py", ["command"] = "view" });
        RolloutOutcome Rollout(string id, Trajectories.Model.ToolCall call, bool resolved) =>
            new(id, Of(null, new Trajectories.Model.AgentStep { Index = 0, ToolCalls = [call] }), resolved);

        var estimate = MonteCarlo.Estimate([Rollout("x", a, true), Rollout("y", b, false)]);

        estimate["x"][0].Evidence.ShouldBe("step 0: 1 of 2 rollouts sharing the first 1 actions resolve");
    }

    [Fact]
    public void Estimate_DuplicateIds_Throws()
    {
        Should.Throw<ArgumentException>(() => MonteCarlo.Estimate([s_rollouts[0], s_rollouts[0]])).Message.ShouldContain("'r1' is listed twice");
    }

    private static (int, int, double)[] Scores(IReadOnlyDictionary<int, StepSignal> signals) =>
        [.. signals.Select(p => (p.Key, p.Value.Label, p.Value.Score))];
}
