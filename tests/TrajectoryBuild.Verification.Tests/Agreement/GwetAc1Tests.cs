using TrajectoryBuild.Verification.Agreement;

namespace TrajectoryBuild.Verification.Tests.Agreement;

public sealed class GwetAc1Tests
{
    [Fact]
    public void FromCounts_Krippendorff2011_IsProdigyIaaValue()
    {
        var counts = Vectors.Counts(Vectors.Transpose(Vectors.Kripp2011));

        PercentAgreement.FromCounts(counts).Value.ShouldBe(0.8182, 0.8182 * 1e-4);
        GwetAc1.FromCounts(counts).Value.ShouldBe(0.7754, 0.7754 * 1e-4);
    }

    [Fact]
    public void FromCounts_HayesKrippendorff2007_IsProdigyIaaValue()
    {
        var counts = Vectors.Counts(Vectors.Hayes40x5);

        PercentAgreement.FromCounts(counts).Value.ShouldBe(0.6250, 0.6250 * 1e-4);
        GwetAc1.FromCounts(counts).Value.ShouldBe(0.5093, 0.5093 * 1e-4);
    }

    [Fact]
    public void Compute_KappaParadox_Ac1StaysHigh()
    {
        // V6 [derived]: 2 raters, 200 turns, table [[2,3],[3,192]].
        var (first, second) = Vectors.FromTable([[2, 3], [3, 192]]);

        PercentAgreement.Compute(first, second).Value.ShouldBe(0.97, 1e-12);
        GwetAc1.Compute(first, second).Value.ShouldBe(0.9685, 5e-5);
    }

    [Fact]
    public void Compute_TwoRaters_IsSymmetric()
    {
        GwetAc1.Compute(Vectors.AnxietyRater3, Vectors.AnxietyRater2).Value
            .ShouldBe(GwetAc1.Compute(Vectors.AnxietyRater2, Vectors.AnxietyRater3).Value, 1e-15);
    }

    [Fact]
    public void FromCounts_OneCategoryOrNoPair_IsUndefined()
    {
        GwetAc1.FromCounts([[3], [2]]).Reason.ShouldNotBeNull().ShouldContain("one category");
        GwetAc1.FromCounts([[1, 0], [0, 1]]).IsDefined.ShouldBeFalse();
        PercentAgreement.FromCounts([[1, 0]]).IsDefined.ShouldBeFalse();
    }

    [Fact]
    public void FromCounts_AllAgreeOnOneOfTwoCategories_IsOne()
    {
        // Where kappa is undefined (chance agreement 1), AC1 is defined: p_e = 0 when every rating is in one category.
        GwetAc1.FromCounts([[3, 0], [3, 0]]).Value.ShouldBe(1.0);
    }
}
