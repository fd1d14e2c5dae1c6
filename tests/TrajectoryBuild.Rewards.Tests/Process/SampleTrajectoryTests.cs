using System.Text;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Rewards.Outcome;
using TrajectoryBuild.Rewards.Process;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Importing.Nebius;
using TrajectoryBuild.Trajectories.Importing.SweAgent;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Gate;

namespace TrajectoryBuild.Rewards.Tests.Process;

/// <summary>Real trajectories (Data/rewards, provenance in its README) imported with our importers, then labeled.</summary>
public sealed class SampleTrajectoryTests
{
    [Fact]
    public void NebiusSweAgentRow_RangeEditOfTheOpenGoldFile_IsTheOnlyLabeledStep()
    {
        var trajectory = Import(new NebiusSweAgentImporter(), "B_nebius_swe_agent_trajectories_row.json");
        var gold = TurnActions.PatchedFiles(trajectory.Patch);
        var facts = new TrajectoryFacts("nebius-0", trajectory, Steps.Resolved(), gold, [new VerifiedTurn(0, new([3, 3, 3, 3, 3]), "human")]);

        var record = RewardLabeler.Label(facts, OutcomeRules.Default, ProcessRules.Default);

        gold.ShouldBe(["plumbum/cli/image.py"]);
        record.Outcome.Reward.ShouldBe(1.0);
        record.Steps.Select(s => (s.Step, s.Label, s.Source)).ShouldBe(
            [(0, 1, "human"), (1, 0, "none"), (2, 0, "none"), (3, 1, "heuristics"), (4, 0, "none"), (5, 0, "none")]);
        record.Steps[3].Signals.ShouldHaveSingleItem().Evidence.ShouldBe("step 3: edits plumbum/cli/image.py, which the gold patch touches");
        RewardJson.ToUtf8(RewardLabeler.Label(facts, OutcomeRules.Default, ProcessRules.Default)).ShouldBe(RewardJson.ToUtf8(record));
    }

    [Fact]
    public void SweAgentFunctionCalling_SearchReplaceEditOfTheOpenFile_CountsAsGoldEdit()
    {
        var trajectory = Import(new SweAgentImporter(), "B_sweagent_function_calling_simple_demo.traj");
        var facts = new TrajectoryFacts("demo", trajectory, Steps.Unresolved(), new HashSet<string>(["tests/missing_colon.py"], StringComparer.Ordinal), []);

        var steps = ProcessRewards.Label(facts, ProcessRules.Default);

        // Step 3 runs the edited script (python tests/missing_colon.py): a test run after an edit.
        steps.Select(s => (s.Label, s.Source)).ShouldBe([(0, "none"), (0, "none"), (1, "heuristics"), (1, "heuristics"), (0, "none")]);
        Encoding.UTF8.GetString(RewardJson.ToUtf8(new RewardRecord("demo", OutcomeReward.Of(facts.Evaluation, OutcomeRules.Default), steps, 1)))
            .ShouldContain("\"evidence\": \"step 2: edits tests/missing_colon.py, which the gold patch touches\"");
    }

    private static Trajectory Import(ITrajectoryImporter importer, string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "rewards", file);
        return importer.Import(new ImportSource(path, $"Data/rewards/{file}", Digest.OfFile(path)), CancellationToken.None)
            .OfType<Imported>().ShouldHaveSingleItem().Trajectory;
    }
}
