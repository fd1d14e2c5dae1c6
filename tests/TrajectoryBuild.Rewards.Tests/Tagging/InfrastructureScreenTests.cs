using TrajectoryBuild.Reproduction.Parsing;
using TrajectoryBuild.Rewards.Tagging;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

public sealed class InfrastructureScreenTests
{
    [Fact]
    public void Tag_ModelErrorExit_IsInfrastructureWithoutClass()
    {
        var trajectory = Of(null, Bash(0, "ls")) with { ExitStatus = "model_error" };

        var tag = Tags.Of(Facts(trajectory, Unresolved()));

        (tag.Infrastructure, tag.Class, tag.Detector).ShouldBe((true, (FailureClass?)null, "infrastructure"));
        tag.Evidence.ShouldBe(["exit status 'model_error'"]);
    }

    [Fact]
    public void Tag_NoStepsAndTransportError_NamesBothFacts()
    {
        var trajectory = Of(null) with { ExitStatus = "error", Error = "openai.APIConnectionError: Connection error." };

        var tag = Tags.Of(Facts(trajectory, Unresolved()));

        tag.Infrastructure.ShouldBeTrue();
        tag.Evidence.ShouldBe(
        [
            "run error: 'APIConnectionError' in \"openai.APIConnectionError: Connection error.\"",
            "no steps, and the run recorded an error: \"openai.APIConnectionError: Connection error.\"",
        ]);
    }

    [Fact]
    public void Tag_TestRunTimedOut_IsInfrastructure_AndKeepsTheAgentsClassBehind()
    {
        var trajectory = Of(Tags.Patch("calc/ops.py"), Bash(0, "pytest", "1 failed"));
        var evaluation = Unresolved() with { Problem = "the test run timed out after 1800 s" };

        var tag = Tags.Of(Facts(trajectory, evaluation, "calc/ops.py"));

        tag.Infrastructure.ShouldBeTrue();
        tag.Evidence.ShouldBe(["test run: 'timed out' (\"the test run timed out after 1800 s\")"]);
        Tags.Detectors(tag).ShouldBe(["infrastructure", "semantic_gap"]);
    }

    [Theory]
    [InlineData(TestRunProblems.TestsTimedOut, "timed-out")]
    [InlineData(TestRunProblems.OutOfMemory, "out-of-memory")]
    [InlineData(TestRunProblems.DiskLimit, "disk-limit")]
    public void Tag_EvaluationStoppedByALimit_IsInfrastructure(string problem, string match)
    {
        // As Evaluate writes it when a limit stopped the test run (evaluation.json's detail).
        var detail = $"the test log could not be graded: {problem}";
        var evaluation = Unresolved() with { Problem = detail };

        var tag = Tags.Of(Facts(Of(Tags.Patch("calc/ops.py"), Bash(0, "pytest", "1 failed")), evaluation, "calc/ops.py"));

        tag.Infrastructure.ShouldBeTrue();
        tag.Evidence.ShouldBe([$"test run: '{match}' (\"{detail}\")"]);
    }

    [Fact]
    public void Tag_ContextWindowError_IsNotInfrastructure()
    {
        var trajectory = Of(null, Bash(0, "ls")) with { Error = "litellm.ContextWindowExceededError: APIError: prompt is too long" };

        var tag = Tags.Of(Facts(trajectory, Unresolved()));

        (tag.Infrastructure, tag.Class).ShouldBe((false, FailureClass.ContextOverflow));
        tag.Evidence.ShouldBe(["run error: 'ContextWindowExceededError'"]);
    }

    [Fact]
    public void Tag_AgentRuntimeErrorInLastStep_IsInfrastructure()
    {
        var trajectory = Of(null, Bash(0, "ls"), Bash(1, "cat a.py") with { Error = "AgentRuntimeDisconnectedError: the sandbox went away" });

        Tags.Of(Facts(trajectory, Unresolved())).Evidence
            .ShouldBe(["step 1 (the last) ended with 'AgentRuntimeDisconnectedError': \"AgentRuntimeDisconnectedError: the sandbox went away\""]);
    }

    [Fact]
    public void Tag_AgentsOwnRuntimeError_IsNotInfrastructure()
    {
        var trajectory = Of(null, Bash(0, "ls")) with { Error = "RuntimeError: Agent reached maximum iteration in headless mode." };

        Tags.Of(Facts(trajectory, Unresolved())).Infrastructure.ShouldBeFalse();
    }

    [Fact]
    public void Tag_Resolved_ReturnsNull() =>
        FailureTagger.Tag(Facts(Of(Tags.Patch("calc/ops.py"), Bash(0, "pytest")), Resolved()), TaggingOptions.Default).ShouldBeNull();
}
