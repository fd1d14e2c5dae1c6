using TrajectoryBuild.Reproduction.Grading;
using TrajectoryBuild.Reproduction.Parsing;
using static TrajectoryBuild.Reproduction.Parsing.TestStatus;
using static TrajectoryBuild.Reproduction.Tests.Grading.ValidateTests;

namespace TrajectoryBuild.Reproduction.Tests.Grading;

/// <summary>Tests that failed on what the sandbox refuses: reported, and the infrastructure's when they decide a rejection.</summary>
public sealed class SandboxVerdictTests
{
    private static readonly SandboxRefusal s_download = new(SandboxRefusals.Network, "t_download", "[Errno 101] Network is unreachable");

    [Fact]
    public void Validate_OnlyFailToPassNeedsTheNetwork_IsAnInfrastructureRejection()
    {
        var before = new TestRun(Map(("t_download", Failed), ("t_p", Passed))) { Refusals = [s_download] };
        var after = new TestRun(Map(("t_download", Failed), ("t_p", Passed))) { Refusals = [s_download] };

        var report = Grader.Validate(before, after);

        report.Verdict.Accepted.ShouldBeFalse();
        report.Verdict.Reason.ShouldBe(RejectionReasons.SandboxRefused);
        report.Verdict.Kind.ShouldBe(FailureKind.Infrastructure);
        report.Verdict.Detail.ShouldBe("after the gold patch, tests failed on what the sandbox refuses: the network (t_download); without them: no test fails (or is absent) before the gold patch and passes after it");
        report.Refused.ShouldBe([("after", s_download), ("before", s_download)]);
        report.ToJson().ShouldContain("""
            "sandbox_refusals":[{"evidence":"[Errno 101] Network is unreachable","kind":"network","run":"after","test":"t_download"},{"evidence":"[Errno 101] Network is unreachable","kind":"network","run":"before","test":"t_download"}]
            """);
    }

    [Fact]
    public void Validate_RefusedTestBesideARealFix_IsAcceptedAndReportsTheRefusal()
    {
        var before = new TestRun(Map(("t_bug", Failed), ("t_download", Failed))) { Refusals = [s_download] };
        var after = new TestRun(Map(("t_bug", Passed), ("t_download", Failed))) { Refusals = [s_download] };

        var report = Grader.Validate(before, after);

        report.Verdict.Accepted.ShouldBeTrue();
        report.FailToPass.ShouldBe(["t_bug"]);
        report.PassToPass.ShouldBeEmpty();
        report.Refused.Select(r => r.Run).ShouldBe(["after", "before"]);
    }

    [Fact]
    public void Validate_PassToFail_IsTheInfrastructuresOnlyWhenTheFailingTestWasRefused()
    {
        var outside = new SandboxRefusal(SandboxRefusals.OutsideWorkspace, "t_cache", "[Errno 13] Permission denied: '/etc/cache'");
        var before = new TestRun(Map(("t_bug", Failed), ("t_cache", Passed), ("t_p", Passed)));
        var refusedAfter = new TestRun(Map(("t_bug", Passed), ("t_cache", Failed), ("t_p", Passed))) { Refusals = [outside] };
        var brokenAfter = new TestRun(Map(("t_bug", Passed), ("t_cache", Passed), ("t_p", Failed))) { Refusals = [outside with { Test = "t_other" }] };

        var refused = Grader.Validate(before, refusedAfter).Verdict;
        var broken = Grader.Validate(before, brokenAfter).Verdict;

        refused.Reason.ShouldBe(RejectionReasons.SandboxRefused);
        refused.Detail!.ShouldStartWith("after the gold patch, tests failed on what the sandbox refuses: files outside the run's folders (t_cache); without them: 1 test pass");
        broken.Reason.ShouldBe(RejectionReasons.PassToFail);
        broken.Kind.ShouldBe(FailureKind.Task);
    }

    [Fact]
    public void Validate_RefusalsBeforeTheGoldPatchOnly_OrAnErrorBefore_StayTheTasks()
    {
        var runLevel = new SandboxRefusal(SandboxRefusals.Network, null, "Could not resolve host: example.com");
        var noFix = Grader.Validate(new TestRun(Map(("t", Failed))) { Refusals = [runLevel] }, new TestRun(Map(("t", Failed))));
        var errorBefore = Grader.Validate(new TestRun(Map(("t", Error))), new TestRun(Map(("t", Passed))) { Refusals = [runLevel] });
        var runRefused = Grader.Validate(new TestRun(Map(("t", Failed))), new TestRun(Map(("t", Failed))) { Refusals = [runLevel] });

        noFix.Verdict.Reason.ShouldBe(RejectionReasons.NoFailToPass);
        errorBefore.Verdict.Reason.ShouldBe(RejectionReasons.ErrorBefore);
        runRefused.Verdict.Reason.ShouldBe(RejectionReasons.SandboxRefused);
        runRefused.Verdict.Detail!.ShouldContain("the network (the run: Could not resolve host: example.com)");
    }

    [Fact]
    public void Combine_KeepsEachRefusalOnce_WithTheFirstRunsLine()
    {
        var second = s_download with { Evidence = "another line" };

        var combined = Stability.Combine([new TestRun(Map(("t_download", Failed))) { Refusals = [s_download] }, new TestRun(Map(("t_download", Failed))) { Refusals = [second] }]);

        combined.Refusals.ShouldBe([s_download]);
    }
}
