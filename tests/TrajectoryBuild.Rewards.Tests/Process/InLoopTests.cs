using TrajectoryBuild.Rewards.Process;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Process;

public sealed class InLoopTests
{
    [Fact]
    public void SameActionAndObservationThreeTimes_LabelsTheRepeats()
    {
        var facts = Labels.Unresolved(
            Bash(0, "ls"),
            Bash(1, "cat calc/ops.py", "def add"),
            Bash(2, "cat   calc/ops.py", "def add"),
            Bash(3, "cat calc/ops.py", "def add\n"),
            Bash(4, "ls"));

        // Whitespace in a command or around an observation does not make a new action.
        Labels.Run("in_loop", facts).ShouldBe([(2, -1), (3, -1)]);
        StepHeuristics.Find("in_loop")!.Label(facts)[3].Evidence.ShouldBe("step 3: inside a loop over steps 1-3 that repeats the same action and observation");
    }

    [Fact]
    public void SameActionTwice_OrDifferentObservation_DoesNotFire()
    {
        var facts = Labels.Unresolved(Bash(0, "pytest", "1 failed", 1), Bash(1, "pytest", "1 failed", 1), Bash(2, "pytest", "2 failed", 1));

        Labels.Run("in_loop", facts).ShouldBeEmpty();
    }

    [Fact]
    public void ABAB_LabelsTheSecondPass()
    {
        var facts = Labels.Unresolved(
            Bash(0, "ls"),
            Bash(1, "scroll_down", "lines 1-100"),
            Bash(2, "scroll_up", "lines 1-100"),
            Bash(3, "scroll_down", "lines 1-100"),
            Bash(4, "scroll_up", "lines 1-100"),
            Bash(5, "scroll_down", "lines 1-100"),
            Edit(6, "calc/ops.py", "a", "b"));

        Labels.Run("in_loop", facts).ShouldBe([(3, -1), (4, -1), (5, -1)]);
        StepHeuristics.Find("in_loop")!.Label(facts)[5].Evidence.ShouldBe("step 5: inside a loop over steps 1-5 that alternates A-B-A-B");
    }

    [Fact]
    public void ABA_DoesNotFire()
    {
        var facts = Labels.Unresolved(Bash(0, "a"), Bash(1, "b"), Bash(2, "a"), Bash(3, "c"));

        Labels.Run("in_loop", facts).ShouldBeEmpty();
    }
}
