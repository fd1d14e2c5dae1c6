using TrajectoryBuild.Rewards.Process;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Process;

public sealed class ProcessRewardsTests
{
    // 0: test run before any edit (tests_after_edit 0 only)   1: gold edit, later reverted (+1 and -1)
    // 2: gold edit and a test run after it (+1, +1)           3: the revert of step 1 (itself a gold edit, +1)
    // 4: an edit of a non-gold file (-1)
    private static readonly TrajectoryFacts s_facts = Labels.Unresolved(
        Bash(0, "pytest tests/test_ops.py", "1 failed", exit: 1),
        Edit(1, "calc/ops.py", "a - b", "a + b"),
        Bash(2, "sed -i 's/x/y/' calc/ops.py && pytest tests/test_ops.py", "1 passed"),
        Edit(3, "calc/ops.py", "a + b", "a - b"),
        Edit(4, "calc/util.py", "x", "y"));

    [Fact]
    public void Label_HeuristicsOnly_SignOfSumAndMeanScore()
    {
        var steps = ProcessRewards.Label(s_facts, ProcessRules.Default);

        steps.Select(s => (s.Step, s.Label, s.Score, s.Source)).ShouldBe(
        [
            (0, 0, 0.5, "none"),
            (1, 0, 0.5, "heuristics"),
            (2, 1, 1.0, "heuristics"),
            (3, 1, 1.0, "heuristics"),
            (4, -1, 0.0, "heuristics"),
        ]);
        steps[0].Signals.ShouldHaveSingleItem().Name.ShouldBe("tests_after_edit");
        steps[1].Signals.Select(s => (s.Name, s.Label)).ShouldBe([("reverted_edit", -1), ("gold_file_edit", 1)]);
        steps[3].Signals.ShouldHaveSingleItem().Name.ShouldBe("gold_file_edit");
    }

    [Fact]
    public void Label_HumanFirst_WinsOverHeuristicsAndKeepsTheirSignals()
    {
        var facts = s_facts.WithTurns(Labels.Human(2, 1), Labels.Human(4, 2, "adjudicated"), Labels.Human(1, 3, "gate"));

        var steps = ProcessRewards.Label(facts, ProcessRules.Default);

        (steps[2].Label, steps[2].Score, steps[2].Source).ShouldBe((-1, 0.0, "human"));
        steps[2].Signals.Select(s => s.Source).ShouldBe(["human", "heuristics", "heuristics"]);
        steps[2].Signals[0].Evidence.ShouldBe("step 2: human scores (1, 1, 1, 1, 1) give quality 0");
        (steps[4].Label, steps[4].Score, steps[4].Source).ShouldBe((0, 0.5, "human"));
        steps[1].Source.ShouldBe("heuristics");
    }

    [Fact]
    public void Label_SourceOrder_DecidesBetweenHeuristicsAndMonteCarlo()
    {
        var monteCarlo = new Dictionary<int, StepSignal>
        {
            [0] = new("monte_carlo", MonteCarlo.SignalName, 1, 0.75, "step 0: 3 of 4 rollouts sharing the first 1 actions resolve"),
            [4] = new("monte_carlo", MonteCarlo.SignalName, 1, 1.0, "step 4: 2 of 2 rollouts sharing the first 5 actions resolve"),
        };

        var heuristicsFirst = ProcessRewards.Label(s_facts, ProcessRules.Default, monteCarlo);
        var monteCarloFirst = ProcessRewards.Label(s_facts, ProcessRules.Default with { Sources = ["monte_carlo", "heuristics"] }, monteCarlo);

        // A zero-label heuristic (step 0) is evidence, not an opinion: Monte-Carlo decides there.
        heuristicsFirst.Select(s => (s.Step, s.Label, s.Source)).ShouldBe([(0, 1, "monte_carlo"), (1, 0, "heuristics"), (2, 1, "heuristics"), (3, 1, "heuristics"), (4, -1, "heuristics")]);
        monteCarloFirst[4].ShouldSatisfyAllConditions(
            s => (s.Label, s.Score, s.Source).ShouldBe((1, 1.0, "monte_carlo")),
            s => s.Signals.Select(x => x.Source).ShouldBe(["monte_carlo", "heuristics"]));
    }

    [Fact]
    public void Label_DisabledHeuristicsAndSources_AreNotConsulted()
    {
        var rules = new ProcessRules(["heuristics"], ["gold_file_edit"], 2);

        var steps = ProcessRewards.Label(s_facts.WithTurns(Labels.Human(4, 3)), rules);

        steps.Select(s => (s.Label, s.Source)).ShouldBe([(0, "none"), (1, "heuristics"), (1, "heuristics"), (1, "heuristics"), (-1, "heuristics")]);
        steps.SelectMany(s => s.Signals).ShouldAllBe(s => s.Name == "gold_file_edit");
    }

    [Theory]
    [InlineData(3, 3, 3, 2, 2, 1, 0.8)]
    [InlineData(2, 2, 2, 2, 2, 0, 0.5)]
    [InlineData(1, 1, 1, 2, 2, -1, 0.2)]
    public void HumanLabels_QualityThresholds(int a, int b, int c, int d, int e, int label, double score)
    {
        var facts = s_facts.WithTurns(new VerifiedTurn(0, new([a, b, c, d, e]), "human"));

        var signal = HumanLabels.Of(facts)[0];

        (signal.Label, signal.Score).ShouldBe((label, score));
    }

    [Fact]
    public void Label_InvalidRules_ThrowsListingEveryProblem()
    {
        var rules = new ProcessRules(["human", "oracle", "human"], ["in_loop", "vibes"], 0) { MinRollouts = 0 };

        var message = Should.Throw<ArgumentException>(() => ProcessRewards.Label(s_facts, rules)).Message;

        rules.Validate().ShouldBe(
        [
            "process.sources: unknown source 'oracle'; sources: human, heuristics, monte_carlo",
            "process.heuristics: unknown heuristic 'vibes'; heuristics: reverted_edit, gold_file_edit, tests_after_edit, in_loop, retried_error",
            "process.sources: 'human' is listed twice",
            "rules_version: must be at least 1, got 0",
            "process.monte_carlo.rollouts: must be at least 1, got 0",
        ]);
        message.ShouldStartWith(rules.Validate()[0]);
    }
}
