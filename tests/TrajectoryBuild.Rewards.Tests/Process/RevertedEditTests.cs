using TrajectoryBuild.Rewards.Process;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Process;

public sealed class RevertedEditTests
{
    [Fact]
    public void StrReplaceSwappedBack_LabelsTheOriginalEditMinusOne()
    {
        var facts = Labels.Unresolved(
            Edit(0, "/testbed/calc/ops.py", "a - b", "a + b"),
            Bash(1, "pytest tests/test_ops.py", "1 failed", exit: 1),
            Edit(2, "/testbed/calc/ops.py", "a + b", "a - b"));

        var signals = StepHeuristics.Find("reverted_edit")!.Label(facts);

        signals.Keys.ShouldBe([0]);
        (signals[0].Label, signals[0].Source, signals[0].Score).ShouldBe((-1, "heuristics", 0.0));
        signals[0].Evidence.ShouldBe("step 0: its edit of calc/ops.py (str_replace) was reverted at step 2 (str_replace with old and new swapped)");
    }

    [Theory]
    [InlineData("git checkout -- calc/ops.py", "git checkout -- calc/ops.py")]
    [InlineData("cd /testbed && git checkout calc/ops.py", "git checkout calc/ops.py")]
    [InlineData("git restore calc/ops.py", "git restore calc/ops.py")]
    [InlineData("git stash", "git stash")]
    [InlineData("git reset --hard HEAD", "git reset --hard")]
    public void GitDiscard_LabelsTheEditsItThrowsAway(string command, string seen)
    {
        var facts = Labels.Unresolved(
            Edit(0, "calc/ops.py", "x", "y"),
            Bash(1, "sed -i 's/y/z/' calc/ops.py"),
            Bash(2, command));

        Labels.Run("reverted_edit", facts).ShouldBe([(0, -1), (1, -1)]);
        StepHeuristics.Find("reverted_edit")!.Label(facts)[1].Evidence.ShouldBe($"step 1: its edit of calc/ops.py (sed -i 's/y/z/' calc/ops.py) was reverted at step 2 ({seen})");
    }

    [Fact]
    public void UndoEdit_LabelsOnlyTheLastEditOfItsFile()
    {
        var undo = new TrajectoryBuild.Trajectories.Model.AgentStep
        {
            Index = 2,
            ToolCalls = [new("str_replace_editor", new() { ["command"] = "undo_edit", ["path"] = "/testbed/calc/ops.py" })],
        };
        var facts = Labels.Unresolved(Edit(0, "/testbed/calc/ops.py", "x", "y"), Edit(1, "/testbed/calc/ops.py", "y", "z"), undo);

        Labels.Run("reverted_edit", facts).ShouldBe([(1, -1)]);
    }

    [Fact]
    public void CheckoutOfAnotherFile_DoesNotFire()
    {
        var facts = Labels.Unresolved(Edit(0, "calc/ops.py", "x", "y"), Bash(1, "git checkout -- calc/other.py"), Bash(2, "git stash list"));

        Labels.Run("reverted_edit", facts).ShouldBeEmpty();
    }

    [Fact]
    public void WriteRestoringEarlierContent_LabelsTheEditsBetween()
    {
        var facts = Labels.Unresolved(
            Labels.Create(0, "/testbed/reproduce.py", "print(1)\n"),
            Edit(1, "/testbed/reproduce.py", "print(1)", "print(2)"),
            Labels.Create(2, "/testbed/reproduce.py", "print(1)\n"));

        Labels.Run("reverted_edit", facts).ShouldBe([(1, -1)]);
    }

    [Fact]
    public void EditsThatBuildOnEachOther_DoNotFire()
    {
        var facts = Labels.Unresolved(
            Edit(0, "calc/ops.py", "a - b", "a + b"),
            Edit(1, "calc/ops.py", "a + b", "a + b  # fixed"),
            Labels.Create(2, "notes.txt", "one"),
            Labels.Create(3, "notes.txt", "two"));

        Labels.Run("reverted_edit", facts).ShouldBeEmpty();
    }
}
