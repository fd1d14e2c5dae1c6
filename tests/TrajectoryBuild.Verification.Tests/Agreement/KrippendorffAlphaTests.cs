using TrajectoryBuild.Verification.Agreement;

namespace TrajectoryBuild.Verification.Tests.Agreement;

public sealed class KrippendorffAlphaTests
{
    [Theory]
    [InlineData(KrippendorffMetric.Nominal, 0.691358)]
    [InlineData(KrippendorffMetric.Interval, 0.810845)]
    [InlineData(KrippendorffMetric.Ordinal, 0.806721)] // [derived]
    [InlineData(KrippendorffMetric.Ratio, 0.808944)] // [derived]
    public void Compute_WikipediaExample_IsFastKrippendorffValue(KrippendorffMetric metric, double expected)
    {
        KrippendorffAlpha.Compute(Vectors.Wikipedia3x15, metric).Value.ShouldBe(expected, 5e-7);
    }

    [Fact]
    public void FromValueCounts_WikipediaExample_IsFastKrippendorffValue()
    {
        double[][] counts =
        [
            [1, 0, 0, 0], [0, 0, 0, 0], [0, 2, 0, 0], [2, 0, 0, 0], [0, 0, 2, 0], [0, 0, 2, 1], [0, 0, 0, 3], [1, 0, 1, 0],
            [0, 2, 0, 0], [2, 0, 0, 0], [2, 0, 0, 0], [0, 0, 2, 0], [0, 0, 2, 0], [0, 0, 0, 0], [0, 0, 1, 1],
        ];

        KrippendorffAlpha.FromValueCounts(counts, [1, 2, 3, 4], KrippendorffMetric.Nominal).Value.ShouldBe(0.691358, 5e-7);
    }

    [Theory]
    [InlineData(KrippendorffMetric.Ordinal, 0.815, 5e-4)] // fast-krippendorff, round 3
    [InlineData(KrippendorffMetric.Ratio, 0.797, 5e-4)] // fast-krippendorff, round 3
    [InlineData(KrippendorffMetric.Nominal, 0.743421052632, 5e-8)] // NLTK test_advanced, 7 places
    [InlineData(KrippendorffMetric.Interval, 0.849, 5e-4)] // Krippendorff (2011), published
    [InlineData(KrippendorffMetric.Ordinal, 0.815388, 5e-7)] // [derived]
    [InlineData(KrippendorffMetric.Ratio, 0.797403, 5e-7)] // [derived]
    [InlineData(KrippendorffMetric.Interval, 0.849107, 5e-7)] // [derived]
    public void Compute_Krippendorff2011_IsPublishedValue(KrippendorffMetric metric, double expected, double tolerance)
    {
        KrippendorffAlpha.Compute(Vectors.Kripp2011, metric).Value.ShouldBe(expected, tolerance);
    }

    [Fact]
    public void Compute_Krippendorff2011_IsProdigyIaaValue()
    {
        KrippendorffAlpha.Compute(Vectors.Kripp2011, KrippendorffMetric.Nominal).Value.ShouldBe(0.7434, 0.7434 * 1e-4);
    }

    [Fact]
    public void Compute_HayesKrippendorff2007_IsProdigyIaaValue()
    {
        var raters = Vectors.Transpose(Vectors.Hayes40x5);

        KrippendorffAlpha.Compute(raters, KrippendorffMetric.Nominal).Value.ShouldBe(0.4765, 0.4765 * 1e-4);
    }

    [Fact]
    public void Compute_UnitWithOneValue_ChangesNothing()
    {
        // NLTK test_advanced2 / test_easy2: the 12th unit of the 2011 data has one value (observer B's 3).
        double?[][] without = [.. Vectors.Kripp2011.Select(row => row.Take(11).ToArray())];

        foreach (var metric in Enum.GetValues<KrippendorffMetric>())
        {
            KrippendorffAlpha.Compute(without, metric).Value.ShouldBe(KrippendorffAlpha.Compute(Vectors.Kripp2011, metric).Value, 1e-12);
        }
    }

    [Fact]
    public void Compute_SmallFastKrippendorffVectors()
    {
        KrippendorffAlpha.Compute([[0, 1, 2], [0, 1, 2]], KrippendorffMetric.Ratio).Value.ShouldBe(1.0);
        double?[][] perfect = [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]];
        KrippendorffAlpha.Compute(perfect, KrippendorffMetric.Nominal).Value.ShouldBe(1.0);
        KrippendorffAlpha.Compute(perfect, KrippendorffMetric.Interval).Value.ShouldBe(1.0);

        // Nominal strings pos/neg/neu coded 1/2/3 (nominal alpha does not depend on the coding).
        double?[][] strings = [[1, 2, 3, null], [1, 2, 3, 1], [1, 2, 1, 1]];
        KrippendorffAlpha.Compute(strings, KrippendorffMetric.Nominal).Value.ShouldBe(0.722222, 5e-7);
    }

    [Fact]
    public void Compute_NaNIsMissingLikeNull()
    {
        double?[][] withNaN = [.. Vectors.Wikipedia3x15.Select(row => row.Select(v => v ?? double.NaN).Select(v => (double?)v).ToArray())];

        KrippendorffAlpha.Compute(withNaN, KrippendorffMetric.Interval).Value.ShouldBe(0.810845, 5e-7);
    }

    [Fact]
    public void Compute_NltkMissingData_NoneDeclaredMissingOrCounted()
    {
        // NLTK TestMissingValues: c1 [1,1,2], c2 [1,1,None], c3 [None,1,2].
        double?[][] missing = [[1, 1, 2], [1, 1, null], [null, 1, 2]];
        double?[][] noneAsCategory = [[1, 1, 2], [1, 1, 0], [0, 1, 2]];

        KrippendorffAlpha.Compute(missing, KrippendorffMetric.Nominal).Value.ShouldBe(1.0);
        KrippendorffAlpha.Compute(noneAsCategory, KrippendorffMetric.Nominal).Value.ShouldBe(0.33333333333333, 5e-13);
    }

    [Fact]
    public void Compute_NltkEasy3_PerfectAgreementIsOne()
    {
        KrippendorffAlpha.Compute([[1, 2], [1, 2]], KrippendorffMetric.Nominal).Value.ShouldBe(1.0);
    }

    [Fact]
    public void Compute_OneValueAmongPairableUnits_IsUndefinedWhereNltkSaysOne()
    {
        // NLTK test_easy3's second case returns 1.0 by convention; we follow fast-krippendorff's view that alpha needs
        // more than one value, but report it as undefined instead of raising.
        var alpha = KrippendorffAlpha.Compute([[1, 2], [1, null]], KrippendorffMetric.Nominal);

        alpha.IsDefined.ShouldBeFalse();
        alpha.Reason.ShouldNotBeNull().ShouldContain("one value");
    }

    [Fact]
    public void Compute_NoPairableUnitOrNoValue_IsUndefined()
    {
        KrippendorffAlpha.Compute([[1, null], [null, 2]], KrippendorffMetric.Nominal).Reason.ShouldNotBeNull().ShouldContain("two raters");
        KrippendorffAlpha.Compute([[null, null], [null, null]], KrippendorffMetric.Interval).IsDefined.ShouldBeFalse();
        KrippendorffAlpha.Compute([], KrippendorffMetric.Ordinal).IsDefined.ShouldBeFalse();
    }

    [Fact]
    public void Compute_RaggedRowsOrMismatchedValues_Throw()
    {
        Should.Throw<ArgumentException>(() => KrippendorffAlpha.Compute([[1, 2], [1]], KrippendorffMetric.Nominal));
        Should.Throw<ArgumentException>(() => KrippendorffAlpha.FromValueCounts([[1, 1]], [1, 2, 3], KrippendorffMetric.Nominal));
    }
}
