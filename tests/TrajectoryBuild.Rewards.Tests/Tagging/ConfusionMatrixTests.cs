using TrajectoryBuild.Rewards.Tagging;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

public sealed class ConfusionMatrixTests
{
    private static readonly (FailureClass, FailureClass?)[] s_pairs =
    [
        (FailureClass.ToolUseLoop, FailureClass.ToolUseLoop),
        (FailureClass.ToolUseLoop, FailureClass.ToolUseLoop),
        (FailureClass.ToolUseLoop, FailureClass.ContextOverflow),
        (FailureClass.SemanticGap, FailureClass.IncompleteVerification),
        (FailureClass.SemanticGap, FailureClass.SemanticGap),
        (FailureClass.BrokenImplementation, null),
    ];

    [Fact]
    public void Of_Pairs_CountsRowsHumanColumnsDetector()
    {
        var matrix = ConfusionMatrix.Of(s_pairs);

        matrix[FailureClass.ToolUseLoop, FailureClass.ToolUseLoop].ShouldBe(2);
        matrix[FailureClass.ToolUseLoop, FailureClass.ContextOverflow].ShouldBe(1);
        matrix[FailureClass.ContextOverflow, FailureClass.ToolUseLoop].ShouldBe(0);
        matrix[FailureClass.BrokenImplementation, null].ShouldBe(1);
        (matrix.Total, matrix.Agreements, matrix.Accuracy).ShouldBe((6, 3, 0.5));
    }

    [Fact]
    public void Render_Matrix_IsAFixedTable()
    {
        ConfusionMatrix.Of(s_pairs).Render().ShouldBe(
            "human \\ detector         context_overflow  tool_use_loop  localization  broken_implementation  incomplete_verification  semantic_gap  infrastructure\n" +
            "context_overflow                        0              0             0                      0                        0             0               0\n" +
            "tool_use_loop                           1              2             0                      0                        0             0               0\n" +
            "localization                            0              0             0                      0                        0             0               0\n" +
            "broken_implementation                   0              0             0                      0                        0             0               1\n" +
            "incomplete_verification                 0              0             0                      0                        0             0               0\n" +
            "semantic_gap                            0              0             0                      0                        1             1               0\n" +
            "accuracy: 3/6 = 0.500\n");
    }

    [Fact]
    public void Of_NoPairs_HasNoAccuracy()
    {
        var matrix = ConfusionMatrix.Of(Array.Empty<(FailureClass, FailureClass?)>());

        matrix.Accuracy.ShouldBeNull();
        matrix.Render().ShouldEndWith("accuracy: n/a (no annotated trajectories)\n");
    }

    [Fact]
    public void Of_Tags_UsesOnlyTheOverriddenOnes()
    {
        var detected = new FailureTag(FailureClass.Localization, false, "localization", [new("localization", FailureClass.Localization, ["x"])]);
        var tags = new[] { detected, detected.WithOverride(FailureClass.Localization, "a", null), detected.WithOverride(FailureClass.SemanticGap, "b", null) };

        var matrix = ConfusionMatrix.Of(tags);

        (matrix.Total, matrix[FailureClass.Localization, FailureClass.Localization], matrix[FailureClass.SemanticGap, FailureClass.Localization]).ShouldBe((2, 1, 1));
    }
}
