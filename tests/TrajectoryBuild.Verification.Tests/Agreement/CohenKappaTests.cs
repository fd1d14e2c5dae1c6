using TrajectoryBuild.Verification.Agreement;

namespace TrajectoryBuild.Verification.Tests.Agreement;

public sealed class CohenKappaTests
{
    // V1.1 (scikit-learn test_cohen_kappa; Artstein & Poesio 2008 Table 1), decimal=3.
    private static readonly int[] s_ap1 = [.. Enumerable.Repeat(0, 40), .. Enumerable.Repeat(1, 60)];
    private static readonly int[] s_ap2 = [.. Enumerable.Repeat(0, 20), .. Enumerable.Repeat(1, 20), .. Enumerable.Repeat(0, 10), .. Enumerable.Repeat(1, 50)];

    [Fact]
    public void Compute_ArtsteinPoesioTable1_IsScikitLearnValueAndSymmetric()
    {
        var kappa = CohenKappa.Compute(s_ap1, s_ap2);

        kappa.Value.ShouldBe(0.348, 5e-4);
        kappa.Value.ShouldBe(0.347826, 5e-7); // [derived] exact 8/23
        CohenKappa.Compute(s_ap2, s_ap1).Value.ShouldBe(kappa.Value);
    }

    [Fact]
    public void Compute_SpuriousLabelsOutsideTheLabelList_AreIgnored()
    {
        int[] y1 = [.. s_ap1, 2, 2, 2, 2];
        int[] y2 = [.. s_ap2, 2, 2, 2, 2];

        CohenKappa.Compute(y1, y2, labels: [0, 1]).Value.ShouldBe(CohenKappa.Compute(s_ap1, s_ap2).Value);
        CohenKappa.Compute(y1, y1).Value.ShouldBe(1.0);
        CohenKappa.Compute(y1, y2).Value.ShouldNotBe(CohenKappa.Compute(s_ap1, s_ap2).Value);
    }

    [Fact]
    public void Compute_ArtsteinPoesioTable4ThreeClasses_IsScikitLearnValue()
    {
        int[] y1 = [.. Enumerable.Repeat(0, 46), .. Enumerable.Repeat(1, 44), .. Enumerable.Repeat(2, 10)];
        int[] y2 = [.. Enumerable.Repeat(0, 52), .. Enumerable.Repeat(1, 32), .. Enumerable.Repeat(2, 16)];

        CohenKappa.Compute(y1, y2).Value.ShouldBe(0.8013, 5e-5);
    }

    [Theory]
    [InlineData(KappaWeights.None, 0.9315, 0.931507)]
    [InlineData(KappaWeights.Linear, 0.9412, 0.941176)]
    [InlineData(KappaWeights.Quadratic, 0.9541, 0.954128)]
    public void Compute_ScikitLearnWeightingExample_MatchesEachWeighting(KappaWeights weights, double expected, double derived)
    {
        int[] y1 = [.. Enumerable.Repeat(0, 46), .. Enumerable.Repeat(1, 44), .. Enumerable.Repeat(2, 10)];
        int[] y2 = [.. Enumerable.Repeat(0, 50), .. Enumerable.Repeat(1, 40), .. Enumerable.Repeat(2, 10)];

        var kappa = CohenKappa.Compute(y1, y2, weights);

        kappa.Value.ShouldBe(expected, 5e-5);
        kappa.Value.ShouldBe(derived, 5e-7); // [derived]
    }

    [Theory]
    [InlineData(KappaWeights.None, 0.4842)]
    [InlineData(KappaWeights.Linear, 0.4701)]
    public void FromTable_StatsmodelsTable10_IsSasValue(KappaWeights weights, double expected)
    {
        double[][] table10 = [[0, 4, 1], [0, 8, 0], [0, 1, 5]];

        CohenKappa.FromTable(table10, weights).Value.ShouldBe(expected, 5e-5);
    }

    [Theory]
    [InlineData(KappaWeights.None, -0.006289308)]
    [InlineData(KappaWeights.Linear, 0.1459075)]
    [InlineData(KappaWeights.Quadratic, 0.2520325)]
    public void Compute_IrrAnxiety_WeightsOnIndexPositionsOfTheObservedLabels(KappaWeights weights, double expected)
    {
        CohenKappa.Compute(Vectors.AnxietyRater2, Vectors.AnxietyRater3, weights).Value.ShouldBe(expected, 5e-7);
    }

    [Fact]
    public void Compute_IrrAnxietyWithTheFullScale_DiffersFromObservedLabels()
    {
        // Listing the unused 5 moves 6 one position further: the weighted kappa changes, the unweighted does not.
        int[] scale = [1, 2, 3, 4, 5, 6];

        CohenKappa.Compute(Vectors.AnxietyRater2, Vectors.AnxietyRater3, KappaWeights.None, scale).Value.ShouldBe(-0.006289308, 5e-7);
        CohenKappa.Compute(Vectors.AnxietyRater2, Vectors.AnxietyRater3, KappaWeights.Linear, scale).Value.ShouldNotBeInRange(0.1449, 0.1469);
    }

    [Fact]
    public void FromTable_IrrAnxietyToeplitzWeights_IsStatsmodelsValue()
    {
        var table = Vectors.AnxietyTable;
        double[] band = [0, 0, 1, 1, 2];
        double[][] toeplitz = [.. Enumerable.Range(0, 5).Select(i => Enumerable.Range(0, 5).Select(j => band[Math.Abs(i - j)]).ToArray())];

        CohenKappa.FromTable(table, toeplitz).Value.ShouldBe(0.2391304, 5e-7);
    }

    [Fact]
    public void Compute_KappaParadox_IsLowDespiteHighAgreement()
    {
        // V6 [derived]: table [[2,3],[3,192]].
        var (first, second) = Vectors.FromTable([[2, 3], [3, 192]]);

        CohenKappa.Compute(first, second).Value.ShouldBe(0.3846, 5e-5);
    }

    [Fact]
    public void Compute_BothRatersUseOneSharedLabel_IsUndefinedNotThrown()
    {
        var kappa = CohenKappa.Compute([2, 2, 2], [2, 2, 2], KappaWeights.Quadratic);

        kappa.IsDefined.ShouldBeFalse();
        kappa.Value.ShouldBe(double.NaN);
        kappa.Reason.ShouldNotBeNull().ShouldContain("chance");
    }

    [Fact]
    public void Compute_LabelListDropsEveryItem_IsUndefined()
    {
        var kappa = CohenKappa.Compute([1, 2], [2, 1], labels: [3]);

        kappa.IsDefined.ShouldBeFalse();
        kappa.Reason.ShouldNotBeNull().ShouldContain("no item");
    }

    [Fact]
    public void Compute_InvalidInput_Throws()
    {
        Should.Throw<ArgumentException>(() => CohenKappa.Compute([1, 2], [1]));
        Should.Throw<ArgumentException>(() => CohenKappa.Compute([1, 2], [1, 2], labels: [1, 1]));
        Should.Throw<ArgumentException>(() => CohenKappa.FromTable([[1, 2, 3], [4, 5, 6]]));
        Should.Throw<ArgumentException>(() => CohenKappa.FromTable([[1, -2], [4, 5]]));
    }

    [Fact]
    public void Compute_StringLabels_SortedOrdinallyForWeights()
    {
        // "a" < "b" < "c": a vs c is two steps apart, so linear weighting penalises it more than a vs b.
        var far = CohenKappa.Compute(["a", "b", "c", "a"], ["c", "b", "c", "a"], KappaWeights.Linear);
        var near = CohenKappa.Compute(["a", "b", "c", "a"], ["b", "b", "c", "a"], KappaWeights.Linear);

        far.Value.ShouldBeLessThan(near.Value);
    }
}
