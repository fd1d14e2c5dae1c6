using TrajectoryBuild.Rewards.Process;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Process;

public sealed class GoldFileEditTests
{
    [Fact]
    public void EditsOfGoldNonGoldAndTestFiles_PlusMinusAndSilent()
    {
        var facts = Labels.Unresolved(
            Bash(0, "cat calc/ops.py"),
            Edit(1, "/testbed/calc/ops.py", "a - b", "a + b"),
            Edit(2, "/testbed/calc/util.py", "x", "y"),
            Edit(3, "/testbed/tests/test_ops.py", "x", "y"),
            Bash(4, "sed -i 's/a/b/' calc/ops.py"));

        Labels.Run("gold_file_edit", facts).ShouldBe([(1, 1), (2, -1), (4, 1)]);
        var signals = StepHeuristics.Find("gold_file_edit")!.Label(facts);
        signals[1].Evidence.ShouldBe("step 1: edits calc/ops.py, which the gold patch touches");
        signals[2].Evidence.ShouldBe("step 2: edits calc/util.py, which the gold patch does not touch (calc/ops.py)");
    }

    [Fact]
    public void SweAgentRangeEdit_AttributedToTheOpenFile()
    {
        var facts = Labels.Unresolved(Bash(0, "open calc/ops.py"), Bash(1, "edit 5:5\nreturn a + b\nend_of_edit"), Bash(2, "open calc/util.py"), Bash(3, "edit 1:1\nx\nend_of_edit"));

        Labels.Run("gold_file_edit", facts).ShouldBe([(1, 1), (3, -1)]);
    }

    [Fact]
    public void EditorView_IsNotAnEdit()
    {
        var view = new TrajectoryBuild.Trajectories.Model.AgentStep
        {
            Index = 0,
            ToolCalls = [new("str_replace_editor", new() { ["command"] = "view", ["path"] = "/testbed/calc/util.py" })],
        };

        Labels.Run("gold_file_edit", Labels.Unresolved(view)).ShouldBeEmpty();
        Labels.Run("tests_after_edit", Labels.Unresolved(view, Bash(1, "pytest"))).ShouldBe([(1, 0)]);
    }

    [Fact]
    public void NoGoldFilesKnown_DoesNotFire()
    {
        var facts = Steps.Facts(Steps.Of(null, Edit(0, "calc/util.py", "x", "y")), Steps.Unresolved());

        Labels.Run("gold_file_edit", facts).ShouldBeEmpty();
    }
}
