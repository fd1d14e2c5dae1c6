using TrajectoryBuild.Rewards.Process;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Process;

public sealed class RetriedErrorTests
{
    [Fact]
    public void ErroredCallRetriedIdentically_LabelsEachRetry()
    {
        var facts = Labels.Unresolved(
            Bash(0, "pyhton reproduce.py", "pyhton: command not found", exit: 127),
            Bash(1, "pyhton reproduce.py", "pyhton: command not found", exit: 127),
            Bash(2, "pyhton reproduce.py", "pyhton: command not found", exit: 127),
            Bash(3, "python reproduce.py", "ok"));

        Labels.Run("retried_error", facts).ShouldBe([(1, -1), (2, -1)]);
        StepHeuristics.Find("retried_error")!.Label(facts)[1].Evidence
            .ShouldBe("step 1: retries step 0's call unchanged after it errored (exit code 127 (command not found or not executable)): bash pyhton reproduce.py");
    }

    [Fact]
    public void ToolErrorThenSameCall_Fires_NonZeroExitToo()
    {
        var facts = Labels.Unresolved(
            Bash(0, "cat missing.py", "No such file", exit: null, isError: true),
            Bash(1, "cat missing.py", "No such file", exit: null, isError: true),
            Bash(2, "python reproduce.py", "Traceback", exit: 1),
            Bash(3, "python reproduce.py", "Traceback", exit: 1));

        Labels.Run("retried_error", facts).ShouldBe([(1, -1), (3, -1)]);
    }

    [Fact]
    public void ChangedCallOrSuccessBefore_DoesNotFire()
    {
        var facts = Labels.Unresolved(
            Bash(0, "pyhton reproduce.py", "not found", exit: 127),
            Bash(1, "python reproduce.py", "ok"),
            Bash(2, "python reproduce.py", "ok"));

        Labels.Run("retried_error", facts).ShouldBeEmpty();
    }
}
