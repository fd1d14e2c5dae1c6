using TrajectoryBuild.Rewards.Tagging;
using TrajectoryBuild.Trajectories.Model;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

public sealed class ToolUseLoopTests
{
    private static readonly string s_patch = Tags.Patch("calc/ops.py");

    [Fact]
    public void Tag_SameActionAndOutputThreeTimes_IsALoop()
    {
        var trajectory = Of(s_patch, Bash(0, "ls"), Bash(1, "cat calc/ops.py", "x"), Bash(2, "cat  calc/ops.py", "x"), Bash(3, "cat calc/ops.py", "x"));

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py"));

        tag.Class.ShouldBe(FailureClass.ToolUseLoop);
        tag.Evidence.ShouldBe(["the same action and output 3 times in a row (step 1, step 2, step 3): `cat calc/ops.py`"]);
    }

    [Fact]
    public void Tag_TwoRepeats_IsNotALoopUnlessTheThresholdSaysSo()
    {
        var trajectory = Of(s_patch, Bash(0, "cat calc/ops.py", "x"), Bash(1, "cat calc/ops.py", "x"));
        var facts = Facts(trajectory, Unresolved(), "calc/ops.py");

        Tags.Detectors(Tags.Of(facts)).ShouldNotContain("tool_use_loop");
        Tags.Of(facts, TaggingOptions.Default with { LoopRepeats = 2 }).Class.ShouldBe(FailureClass.ToolUseLoop);
    }

    [Fact]
    public void Tag_RepeatsWithinTheWindow_IsALoop()
    {
        var trajectory = Of(s_patch, Bash(0, "pytest", "1 failed"), Bash(1, "ls"), Bash(2, "pytest", "1 failed"), Bash(3, "cat a.py"), Bash(4, "pytest", "1 failed"));

        Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py")).Evidence
            .ShouldBe(["the same action and output 3 times within 6 steps (step 0, step 2, step 4): `pytest`"]);
    }

    [Fact]
    public void Tag_AlternatingTwoActions_IsALoop()
    {
        var steps = Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? Bash(i, "cat a.py", "A") : Bash(i, "cat b.py", "B")).ToArray();

        Tags.Of(Facts(Of(s_patch, steps), Unresolved(), "calc/ops.py")).Evidence
            .ShouldBe(["step 0 to step 5 alternate two actions 3 times: `cat a.py` / `cat b.py`"]);
    }

    [Fact]
    public void Tag_SameErrorThreeTimes_IsALoop()
    {
        var trajectory = Of(
            s_patch,
            Bash(0, "python a.py", "ModuleNotFoundError: calc", exit: 1),
            Bash(1, "python b.py", "ModuleNotFoundError: calc", exit: 1),
            Bash(2, "ls"),
            Bash(3, "python c.py", "ModuleNotFoundError: calc", exit: 1));

        Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py")).Evidence
            .ShouldBe(["the same error 3 times (step 0, step 1, step 3): \"ModuleNotFoundError: calc\""]);
    }

    [Fact]
    public void Tag_RepeatedFormatErrors_IsALoop()
    {
        AgentStep FormatError(int index) => new() { Index = index, Content = "I will now edit", Feedback = [new Message("user", "Your output was not formatted correctly.")] };

        var tag = Tags.Of(Facts(Of(s_patch, FormatError(0), FormatError(1), FormatError(2)), Unresolved(), "calc/ops.py"));

        tag.Class.ShouldBe(FailureClass.ToolUseLoop);
        tag.Evidence.ShouldContain("the same error 3 times (step 0, step 1, step 2): \"Your output was not formatted correctly.\"");
    }

    [Theory]
    [InlineData("submitted (exit_format)")]
    [InlineData("repeated_action")]
    public void Tag_ScaffoldsOwnLoopExit_IsALoop(string status) =>
        Tags.Of(Facts(Of(s_patch, Bash(0, "ls")) with { ExitStatus = status }, Unresolved(), "calc/ops.py")).Evidence
            .ShouldBe([$"exit status '{status}'"]);

    [Fact]
    public void Tag_StepLimitWithARepeatedAction_IsALoop()
    {
        var trajectory = Of(s_patch, Bash(0, "pytest", "1 failed"), Bash(1, "cat a.py"), Bash(2, "pytest", "2 failed")) with { ExitStatus = "step_limit" };

        Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py")).Evidence
            .ShouldBe(["exit status 'step_limit'", "`pytest` repeated 2 times (step 0, step 2)"]);
    }

    [Fact]
    public void Tag_StepBudgetSpentWithoutRepeats_IsNotALoop()
    {
        var trajectory = Of(s_patch, Bash(0, "ls"), Bash(1, "cat a.py"), Bash(2, "pytest", "1 failed"));

        Tags.Detectors(Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py") with { StepLimit = 3 })).ShouldNotContain("tool_use_loop");
    }

    [Fact]
    public void Tag_StepBudgetNearlySpent_UsesTheRatio()
    {
        var steps = Enumerable.Range(0, 9).Select(i => Bash(i, i % 4 == 0 ? "pytest" : $"cat f{i}.py", $"out {i}")).ToArray();

        Tags.Of(Facts(Of(s_patch, steps), Unresolved(), "calc/ops.py") with { StepLimit = 10 }).Evidence
            .ShouldBe(["9 steps of a 10-step budget (>= 0.9)", "`pytest` repeated 3 times (step 0, step 4, step 8)"]);
    }

    [Fact]
    public void Tag_LoopAndWrongFiles_IsTaggedLoopAndListsBoth()
    {
        var trajectory = Of(Tags.Patch("docs/readme.md"), Bash(0, "ls", "a"), Bash(1, "ls", "a"), Bash(2, "ls", "a"));

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py"));

        tag.Class.ShouldBe(FailureClass.ToolUseLoop);
        Tags.Detectors(tag).ShouldBe(["tool_use_loop", "localization"]);
    }
}
