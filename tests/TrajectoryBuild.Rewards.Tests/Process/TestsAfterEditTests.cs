using TrajectoryBuild.Rewards.Process;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Process;

public sealed class TestsAfterEditTests
{
    [Fact]
    public void RunsBeforeAfterAndAgainWithoutEdit_ZeroPlusZero()
    {
        var facts = Labels.Unresolved(
            Bash(0, "python -m pytest tests/test_ops.py", "1 failed", exit: 1),
            Edit(1, "calc/ops.py", "a - b", "a + b"),
            Bash(2, "python -m pytest tests/test_ops.py", "1 passed"),
            Bash(3, "python -m pytest tests/test_ops.py", "1 passed"),
            Bash(4, "sed -i 's/+/-/' calc/ops.py && pytest -q"));

        Labels.Run("tests_after_edit", facts).ShouldBe([(0, 0), (2, 1), (3, 0), (4, 1)]);
        var signals = StepHeuristics.Find("tests_after_edit")!.Label(facts);
        signals[0].Evidence.ShouldBe("step 0: runs the tests before any edit");
        signals[2].Evidence.ShouldBe("step 2: runs the tests after the edit at step 1");
        signals[3].Evidence.ShouldBe("step 3: runs the tests with no edit since the run at step 2");
    }

    [Fact]
    public void NoTestRun_DoesNotFire()
    {
        var facts = Labels.Unresolved(Edit(0, "calc/ops.py", "a", "b"), Bash(1, "cat calc/ops.py"));

        Labels.Run("tests_after_edit", facts).ShouldBeEmpty();
    }

    [Fact]
    public void ReproductionScriptAfterAnEdit_CountsAsATestRun()
    {
        var facts = Labels.Unresolved(Edit(0, "calc/ops.py", "a", "b"), Bash(1, "python reproduce.py"));

        Labels.Run("tests_after_edit", facts).ShouldBe([(1, 1)]);
    }
}
