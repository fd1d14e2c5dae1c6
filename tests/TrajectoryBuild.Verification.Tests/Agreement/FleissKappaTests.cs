using TrajectoryBuild.Verification.Agreement;

namespace TrajectoryBuild.Verification.Tests.Agreement;

public sealed class FleissKappaTests
{
    // V3.1: Wikipedia example, 10 subjects x 14 raters, 5 categories (statsmodels test_inter_rater).
    private static readonly double[][] s_wikipedia =
    [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];

    // V3.2: Fleiss (1971) diagnoses, 30 subjects x 6 raters, categories 1..5 (R irr::kappam.fleiss).
    private static readonly int[][] s_diagnoses =
    [
        [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3],
        [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
        [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2],
        [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5], [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
        [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ];

    [Fact]
    public void Compute_WikipediaExample_IsStatsmodelsValue()
    {
        FleissKappa.Compute(s_wikipedia).Value.ShouldBe(0.210, 5e-4);
        FleissKappa.Compute(s_wikipedia).Value.ShouldBe(0.209931, 5e-7); // [derived]
    }

    [Fact]
    public void Randolph_WikipediaExample_IsDerivedValue()
    {
        FleissKappa.Randolph(s_wikipedia).Value.ShouldBe(0.222527, 5e-7); // [derived]
    }

    [Fact]
    public void Compute_FleissDiagnoses_IsIrrValue()
    {
        double[][] counts = [.. s_diagnoses.Select(row => Enumerable.Range(1, 5).Select(c => (double)row.Count(v => v == c)).ToArray())];
        Enumerable.Range(0, 5).Select(c => counts.Sum(row => row[c])).ShouldBe([26, 26, 30, 55, 43]);

        FleissKappa.Compute(counts).Value.ShouldBe(0.4302445, 5e-8);
    }

    [Theory]
    [InlineData(7.0, 1.0, 3.0, 5.0, 0.161905, 0.214286, 0.607143)]
    [InlineData(6.99, 0.01, 6.99, 0.01, -0.166667, 0.993343, 0.996671)]
    [InlineData(7.0, 0.0, 0.0, 7.0, 1.0, 1.0, 1.0)]
    public void FleissAndRandolph_RandolphCalculatorTables_MatchStatsmodels(double a, double b, double c, double d, double fleiss, double randolph, double agreement)
    {
        double[][] counts = [[a, b], [c, d]];

        FleissKappa.Compute(counts).Value.ShouldBe(fleiss, 6e-6);
        FleissKappa.Randolph(counts).Value.ShouldBe(randolph, 6e-6);
        PercentAgreement.FromCounts(counts).Value.ShouldBe(agreement, 6e-6);
    }

    [Fact]
    public void FleissAndRandolph_ThreeCategoryTable_MatchStatsmodels()
    {
        double[][] counts = [[6, 1, 0], [0, 7, 0]];

        FleissKappa.Compute(counts).Value.ShouldBe(0.708333, 6e-6);
        FleissKappa.Randolph(counts).Value.ShouldBe(0.785714, 6e-6);
        PercentAgreement.FromCounts(counts).Value.ShouldBe(0.857143, 6e-6);
    }

    [Fact]
    public void Compute_EveryRatingInOneCategory_FleissUndefinedRandolphOne()
    {
        double[][] counts = [[7, 0], [7, 0]];

        FleissKappa.Compute(counts).IsDefined.ShouldBeFalse();
        FleissKappa.Randolph(counts).Value.ShouldBe(1.0);
    }

    [Fact]
    public void Compute_SubjectsWithOneRating_AreLeftOut()
    {
        double[][] counts = [[3, 1], [0, 4], [1, 0]];
        double[][] without = [[3, 1], [0, 4]];

        FleissKappa.Compute(counts).Value.ShouldBe(FleissKappa.Compute(without).Value);
        FleissKappa.Compute([[1, 0], [0, 1]]).Reason.ShouldNotBeNull().ShouldContain("two raters");
        FleissKappa.Randolph([[2.0], [2.0]]).IsDefined.ShouldBeFalse();
    }
}
