using TrajectoryBuild.Rewards.Tagging;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

public sealed class OverrideTests
{
    private static FailureTag Localization() =>
        Tags.Of(Facts(Of(Tags.Patch("calc/util.py"), Bash(0, "pytest", "1 failed")), Unresolved(), "calc/ops.py"));

    [Fact]
    public void WithOverride_HumanClassWins_DetectorsChoiceAndEvidenceKept()
    {
        var detected = Localization();

        var tag = detected.WithOverride(FailureClass.SemanticGap, "ann-1", "right file, wrong reading of the issue");

        tag.Class.ShouldBe(FailureClass.SemanticGap);
        tag.DetectedClass.ShouldBe(FailureClass.Localization);
        (tag.Detector, tag.Evidence).ShouldBe((detected.Detector, detected.Evidence));
        tag.Override.ShouldBe(new TagOverride(FailureClass.SemanticGap, "ann-1", "right file, wrong reading of the issue", FailureClass.Localization));
    }

    [Fact]
    public void WithOverride_Twice_KeepsTheDetectorsClassAsDetected()
    {
        var tag = Localization().WithOverride(FailureClass.SemanticGap, "ann-1", null).WithOverride(FailureClass.ToolUseLoop, "reviewer", null);

        (tag.Class, tag.Override!.OverriddenBy, tag.Override.Detected).ShouldBe((FailureClass.ToolUseLoop, "reviewer", FailureClass.Localization));
    }

    [Fact]
    public void WithOverride_NoAnnotator_Throws() =>
        Should.Throw<ArgumentException>(() => Localization().WithOverride(FailureClass.SemanticGap, " ", null));
}
