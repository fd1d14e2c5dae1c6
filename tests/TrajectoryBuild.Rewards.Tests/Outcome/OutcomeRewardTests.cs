using TrajectoryBuild.Rewards.Outcome;

namespace TrajectoryBuild.Rewards.Tests.Outcome;

public sealed class OutcomeRewardTests
{
    [Fact]
    public void Of_Resolved_RewardsOneWithFullPassFractions()
    {
        var outcome = OutcomeReward.Of(Steps.Resolved(), OutcomeRules.Default);

        (outcome.Reward, outcome.Resolved, outcome.FailToPass, outcome.PassToPass).ShouldBe((1.0, true, (double?)1.0, (double?)1.0));
        outcome.Evidence.ShouldBe("resolved: FAIL_TO_PASS 1/1 pass, PASS_TO_PASS 1/1 pass");
    }

    [Fact]
    public void Of_UnresolvedWithoutPartialCredit_RewardsZeroAndKeepsFractions()
    {
        var outcome = OutcomeReward.Of(Steps.Unresolved(anyTargetPasses: true), OutcomeRules.Default);

        (outcome.Reward, outcome.Resolved, outcome.FailToPass, outcome.PassToPass).ShouldBe((0.0, false, (double?)0.5, (double?)1.0));
    }

    [Fact]
    public void Of_UnresolvedWithPartialCredit_ScalesByFailToPassFraction()
    {
        var outcome = OutcomeReward.Of(Steps.Unresolved(anyTargetPasses: true), new OutcomeRules(PartialCredit: true));

        outcome.Reward.ShouldBe(0.5);
        outcome.Evidence.ShouldContain("partial credit");
    }

    [Fact]
    public void Of_PartialCreditWithCustomValues_ScalesBetweenThem()
    {
        var evaluation = new EvaluationFacts("evaluated", null, false, ["a", "b", "c"], ["d"], [], []);

        var outcome = OutcomeReward.Of(evaluation, new OutcomeRules(Resolved: 1, Unresolved: -1, PartialCredit: true));

        (outcome.Reward, outcome.FailToPass, outcome.PassToPass).ShouldBe((0.5, (double?)0.75, (double?)null));
    }

    [Fact]
    public void Of_PartialCreditButAPassToPassTestBroke_GetsNoCredit()
    {
        var evaluation = new EvaluationFacts("evaluated", null, false, ["a", "b"], [], ["k"], ["broken"]);

        var outcome = OutcomeReward.Of(evaluation, new OutcomeRules(PartialCredit: true));

        (outcome.Reward, outcome.FailToPass, outcome.PassToPass).ShouldBe((0.0, (double?)1.0, (double?)0.5));
        outcome.Evidence.ShouldContain("no partial credit (a PASS_TO_PASS test broke)");
    }

    [Fact]
    public void Of_Filtered_IsUnresolvedWithNoFractions()
    {
        var evaluation = new EvaluationFacts("filtered", "patch-does-not-apply", false, [], [], [], []);

        var outcome = OutcomeReward.Of(evaluation, new OutcomeRules(Resolved: 1, Unresolved: -0.5, PartialCredit: true));

        (outcome.Reward, outcome.Resolved, outcome.FailToPass, outcome.PassToPass).ShouldBe((-0.5, false, (double?)null, (double?)null));
        outcome.Evidence.ShouldBe("filtered before any test ran (patch-does-not-apply)");
    }
}
