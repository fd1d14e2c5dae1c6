using TrajectoryBuild.Rewards.Tagging;
using TrajectoryBuild.Trajectories.Model;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

public sealed class ContextOverflowTests
{
    private static readonly string s_page = string.Concat(Enumerable.Repeat("hello world ", 500));

    [Fact]
    public void Tag_InputOverTheWindow_CountsTheReconstructedConversation()
    {
        var trajectory = Of(Tags.Patch("calc/ops.py"), Bash(0, "cat big.py", s_page), Bash(1, "cat big.py | head", "x"));
        var tokens = TokenCounter.Default.Count(Conversation.MessagesOf(trajectory.Steps[0]).Concat(Conversation.MessagesOf(trajectory.Steps[1])));

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py") with { ContextWindow = 1000 });

        tag.Class.ShouldBe(FailureClass.ContextOverflow);
        tag.Evidence.ShouldBe([$"the input after step 1 (the last): {tokens} tokens of a 1000-token window ({tokens / 1000.0:0.000} >= 0.9), o200k_base, reconstructed conversation"]);
    }

    [Fact]
    public void Tag_RecordedModelInput_IsCountedInsteadOfTheReconstruction()
    {
        // The scaffold dropped the big message from step 1's input: only the recorded inputs tell.
        var input = new List<Message> { new("system", s_page), new("user", "fix it") };
        var trajectory = Of(
            Tags.Patch("calc/ops.py"),
            Bash(0, "ls") with { ModelInput = input },
            Bash(1, "ls") with { ModelInput = [new("user", "fix it")] });
        var tokens = TokenCounter.Default.Count(input);

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py") with { ContextWindow = 1100 });

        tag.Evidence.ShouldHaveSingleItem().ShouldStartWith($"the input of step 0: {tokens} tokens of a 1100-token window");
        tag.Evidence[0].ShouldEndWith("recorded input");
    }

    [Fact]
    public void Tag_AfterARecordedInput_ExtendsItWithTheLaterSteps()
    {
        var trajectory = Of(Tags.Patch("calc/ops.py"), Bash(0, "cat big.py", s_page) with { ModelInput = [new("user", "fix it")] });

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py") with { ContextWindow = 1000 });

        tag.Evidence.ShouldHaveSingleItem().ShouldEndWith("o200k_base, recorded input of step 0 and the steps after");
    }

    [Theory]
    [InlineData(0.89, false)]
    [InlineData(0.9, true)]
    public void Tag_RatioAtTheThreshold_FiresFromTheRatioOn(double ratio, bool fires)
    {
        var trajectory = Of(Tags.Patch("calc/ops.py"), Bash(0, "cat big.py", s_page));
        var tokens = TokenCounter.Default.Count(Conversation.MessagesOf(trajectory.Steps[0]));
        var window = (int)Math.Floor(tokens / ratio);

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py") with { ContextWindow = window });

        (tag.Class == FailureClass.ContextOverflow).ShouldBe(fires);
    }

    [Fact]
    public void Tag_NoWindowAndNoStatus_DoesNotFire() =>
        Tags.Detectors(Tags.Of(Facts(Of(Tags.Patch("calc/ops.py"), Bash(0, "cat big.py", s_page)), Unresolved(), "calc/ops.py")))
            .ShouldNotContain("context_overflow");

    [Theory]
    [InlineData("exit_context")]
    [InlineData("context_window_exceeded")]
    [InlineData("submitted (exit_context)")]
    public void Tag_ScaffoldContextExit_FiresWithoutAWindow(string status)
    {
        var tag = Tags.Of(Facts(Of(Tags.Patch("calc/ops.py"), Bash(0, "ls")) with { ExitStatus = status }, Unresolved(), "calc/ops.py"));

        tag.Class.ShouldBe(FailureClass.ContextOverflow);
        tag.Evidence.ShouldBe([$"exit status '{status}'"]);
    }

    [Fact]
    public void Tag_OtherEncoding_CountsWithIt()
    {
        var trajectory = Of(Tags.Patch("calc/ops.py"), Bash(0, "cat big.py", s_page));

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py") with { ContextWindow = 1000 }, TaggingOptions.Default with { Encoding = "cl100k_base" });

        tag.Evidence.ShouldHaveSingleItem().ShouldContain("cl100k_base");
    }
}
