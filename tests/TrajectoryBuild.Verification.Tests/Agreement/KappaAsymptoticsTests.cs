using TrajectoryBuild.Verification.Agreement;

namespace TrajectoryBuild.Verification.Tests.Agreement;

public sealed class KappaAsymptoticsTests
{
    // V2.1 / V2.2: statsmodels' table10 against the SAS printout, decimal=4.
    [Theory]
    [InlineData(KappaWeights.None, 0.4842, 0.1380, 0.2137, 0.7547, 0.1484, 3.2626, 0.0006, 0.0011)]
    [InlineData(KappaWeights.Linear, 0.4701, 0.1457, 0.1845, 0.7558, 0.1426, 3.2971, 0.0005, 0.0010)]
    public void Asymptotic_StatsmodelsTable10_IsSasPrintout(KappaWeights weights, double kappa, double ase, double low, double high, double ase0, double z, double p1, double p2)
    {
        double[][] table10 = [[0, 4, 1], [0, 8, 0], [0, 1, 5]];

        var result = CohenKappa.Asymptotic(table10, weights).ShouldNotBeNull();

        result.Kappa.ShouldBe(kappa, 5e-5);
        result.StandardError.ShouldBe(ase, 5e-5);
        result.ConfidenceInterval().Low.ShouldBe(low, 5e-5);
        result.ConfidenceInterval().High.ShouldBe(high, 5e-5);
        result.StandardErrorUnderNull.ShouldBe(ase0, 5e-5);
        result.Z.ShouldBe(z, 5e-5);
        result.PValueOneSided.ShouldBe(p1, 5e-5);
        result.PValueTwoSided.ShouldBe(p2, 5e-5);
    }

    // V2.3: R irr::kappa2 on the anxiety data (raters 2 and 3), z decimal=5, p decimal=6.
    [Theory]
    [InlineData(KappaWeights.None, -0.0604067, 0.9518317)]
    [InlineData(KappaWeights.Linear, 1.282472, 0.1996772)]
    [InlineData(KappaWeights.Quadratic, 1.437451, 0.1505898)]
    public void Asymptotic_IrrAnxiety_IsIrrZTest(KappaWeights weights, double z, double p)
    {
        var result = CohenKappa.Asymptotic(Vectors.AnxietyTable, weights).ShouldNotBeNull();

        result.Z.ShouldBe(z, 5e-6);
        result.PValueTwoSided.ShouldBe(p, 5e-7);
    }

    [Fact]
    public void Asymptotic_UndefinedKappa_IsNull()
    {
        CohenKappa.Asymptotic([[5, 0], [0, 0]]).ShouldBeNull();
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.025)]
    [InlineData(-1.0, 0.8413447460685429)]
    [InlineData(3.0, 0.0013498980316301)]
    public void NormalUpperTail_KnownQuantiles(double z, double tail)
    {
        KappaAsymptotics.NormalUpperTail(z).ShouldBe(tail, 1e-14);
    }
}
