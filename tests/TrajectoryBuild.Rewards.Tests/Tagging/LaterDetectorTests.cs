using TrajectoryBuild.Rewards.Tagging;
using TrajectoryBuild.Verification.Labels;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

/// <summary>Detectors 3 to 6: localization, broken implementation, incomplete verification, semantic gap.</summary>
public sealed class LaterDetectorTests
{
    private static readonly string s_patch = Tags.Patch("calc/ops.py");

    [Fact]
    public void Tag_PatchMissesTheGoldFiles_IsLocalization()
    {
        var tag = Tags.Of(Facts(Of(Tags.Patch("calc/util.py"), Bash(0, "pytest", "1 failed")), Unresolved(), "calc/ops.py", "calc/core.py"));

        tag.Class.ShouldBe(FailureClass.Localization);
        tag.Evidence.ShouldBe(["the patch changes calc/util.py", "the gold patch changes calc/core.py, calc/ops.py"]);
    }

    [Fact]
    public void Tag_PatchTouchesAGoldFile_IsNotLocalization() =>
        Tags.Detectors(Tags.Of(Facts(Of(s_patch + Tags.Patch("calc/util.py"), Bash(0, "pytest", "1 failed")), Unresolved(), "calc/ops.py")))
            .ShouldNotContain("localization");

    [Fact]
    public void Tag_WrongFilesAndNoApply_IsLocalizationThenBroken()
    {
        var evaluation = new EvaluationFacts("filtered", "patch-does-not-apply", false, [], [], [], []);

        var tag = Tags.Of(Facts(Of(Tags.Patch("calc/util.py"), Bash(0, "pytest")), evaluation, "calc/ops.py"));

        Tags.Detectors(tag).ShouldBe(["localization", "broken_implementation"]);
        tag.Fired[1].Evidence.ShouldBe(["patch filtered: patch-does-not-apply"]);
    }

    [Fact]
    public void Tag_EmptyPatch_IsBroken() =>
        Tags.Of(Facts(Of(null, Bash(0, "ls")), Unresolved(), "calc/ops.py")).Evidence.ShouldBe(["empty patch (exit status 'submitted')"]);

    [Fact]
    public void Tag_SyntaxErrorInTheTestRun_IsBroken()
    {
        var evaluation = Unresolved() with { TestErrors = ["E     File \"calc/ops.py\", line 3", "E   SyntaxError: invalid syntax"] };

        Tags.Of(Facts(Of(s_patch, Bash(0, "pytest", "ok")), evaluation, "calc/ops.py")).Evidence.ShouldBe(["test run: E SyntaxError: invalid syntax"]);
    }

    [Fact]
    public void Tag_ImportErrorInTheAgentsLastTestRun_IsBroken()
    {
        var trajectory = Of(s_patch, Bash(0, "pytest", "SyntaxError: old"), Bash(1, "pytest tests", "collected 0 items\nImportError: cannot import name 'add' from 'calc'\n1 error"));

        Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py")).Evidence
            .ShouldBe(["step 1 (the last test run): ImportError: cannot import name 'add' from 'calc'"]);
    }

    [Fact]
    public void Tag_MostEditsFailed_IsBroken()
    {
        var trajectory = Of(
            s_patch,
            Edit(0, "calc/ops.py", "a", "b", "No replacement was performed, old_str `a` did not appear verbatim"),
            Edit(1, "calc/ops.py", "c", "d"),
            Edit(2, "calc/ops.py", "e", "f", "No replacement was performed"),
            Bash(3, "pytest", "1 failed"));

        Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py")).Evidence
            .ShouldBe(["2 of 3 edits failed (0.67 >= 0.5): step 0: 'No replacement was performed'; step 2: 'No replacement was performed'"]);
    }

    [Fact]
    public void Tag_OneFailedEdit_IsNotBroken()
    {
        var trajectory = Of(s_patch, Edit(0, "calc/ops.py", "a", "b", "No replacement was performed"), Edit(1, "calc/ops.py", "c", "d"), Bash(2, "pytest", "1 failed"));

        Tags.Detectors(Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py"))).ShouldBe(["semantic_gap"]);
    }

    [Fact]
    public void Tag_SomeTargetTestsPass_IsIncompleteVerification()
    {
        var tag = Tags.Of(Facts(Of(s_patch, Edit(0, "calc/ops.py", "a", "b"), Bash(1, "pytest", "1 failed")), Unresolved(anyTargetPasses: true), "calc/ops.py"));

        tag.Class.ShouldBe(FailureClass.IncompleteVerification);
        tag.Evidence.ShouldBe(["1 of 2 target tests pass; failing: t::b"]);
    }

    [Fact]
    public void Tag_TargetsPassButExistingTestsBroke_IsIncompleteVerification()
    {
        var evaluation = new EvaluationFacts("evaluated", null, false, ["t::a"], [], [], ["t::kept"]);

        Tags.Of(Facts(Of(s_patch, Bash(0, "pytest")), evaluation, "calc/ops.py")).Evidence
            .ShouldBe(["all 1 target tests pass, but 1 existing tests broke: t::kept"]);
    }

    [Fact]
    public void Tag_NoTestAfterTheLastEdit_IsIncompleteVerification()
    {
        var trajectory = Of(s_patch, Bash(0, "pytest", "1 failed"), Edit(1, "calc/ops.py", "a", "b"), Bash(2, "git diff"));

        Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py")).Evidence
            .ShouldBe(["no test run after the last edit (step 1: `str_replace_editor str_replace calc/ops.py`)"]);
    }

    [Theory]
    [InlineData("python -m pytest tests/test_ops.py")]
    [InlineData("python reproduce_issue.py")]
    [InlineData("python tests/missing_colon.py")]
    public void Tag_TestedAfterTheLastEdit_FallsThroughToSemanticGap(string command)
    {
        var trajectory = Of(s_patch, Edit(0, "calc/ops.py", "a", "b"), Bash(1, command, "1 failed"));

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py"));

        (tag.Class, tag.Confirmed).ShouldBe((FailureClass.SemanticGap, false));
        tag.Evidence.ShouldBe(["no earlier detector fired; 2 of 2 target tests still fail"]);
    }

    [Fact]
    public void Tag_SemanticGapWithLowScores_IsConfirmedWithTheTurns()
    {
        var trajectory = Of(s_patch, Edit(0, "calc/ops.py", "a", "b"), Bash(1, "pytest", "1 failed"));
        var turns = new List<VerifiedTurn>
        {
            new(0, new TurnScores([3, 1, 3, 3, 3]), "human"),
            new(1, new TurnScores([1, 2, 3, 3, 3]), "gate"),
        };

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "calc/ops.py") with { Turns = turns });

        tag.Confirmed.ShouldBeTrue();
        tag.Evidence.Skip(1).ShouldBe(["turn 0 (human): factual_grounding 1", "turn 1 (gate): relevance 1"]);
    }
}
