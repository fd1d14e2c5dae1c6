using CsCheck;
using TrajectoryBuild.Verification.Agreement;

namespace TrajectoryBuild.Verification.Tests.Agreement;

public sealed class AgreementPropertyTests
{
    private static readonly Gen<(int[] First, int[] Second)> s_twoRaters =
        Gen.Int[1, 40].SelectMany(n => Gen.Select(Gen.Int[1, 4].Array[n], Gen.Int[1, 4].Array[n]));

    private static readonly Gen<double?[][]> s_reliability =
        Gen.Int[2, 12].SelectMany(units => Gen.Int[0, 5].Select(v => v == 0 ? null : (double?)v).Array[units].Array[2, 5]);

    [Fact]
    public void CohenKappa_AnyTwoRaters_IsSymmetricAndAtMostOne()
    {
        s_twoRaters.Sample((first, second) =>
        {
            foreach (var weights in Enum.GetValues<KappaWeights>())
            {
                ShouldBeSameAndAtMostOne(CohenKappa.Compute(first, second, weights), CohenKappa.Compute(second, first, weights));
            }
        });
    }

    [Fact]
    public void KrippendorffAlpha_AnyData_DoesNotDependOnRaterOrUnitOrder()
    {
        s_reliability.Sample(data =>
        {
            double?[][] reordered = [.. data.Reverse().Select(row => row.Reverse().ToArray())];
            foreach (var metric in Enum.GetValues<KrippendorffMetric>())
            {
                ShouldBeSameAndAtMostOne(KrippendorffAlpha.Compute(data, metric), KrippendorffAlpha.Compute(reordered, metric));
            }
        });
    }

    [Fact]
    public void AgreementReport_AnyRatings_DoesNotDependOnTheirOrder()
    {
        var options = new AgreementOptions { Bootstrap = new BootstrapOptions(Resamples: 20, Seed: 2) };
        Gen.Select(s_reliability, Gen.ULong).Sample((data, seed) =>
        {
            var ratings = data
                .SelectMany((row, r) => row.Select((v, u) => (v, u)).Where(p => p.v is not null)
                    .Select(p => new Rating($"t{p.u % 3}", $"{p.u}", $"r{r}", (int)p.v!.Value)))
                .ToList();

            AgreementReport.Compute(SyntheticRatings.Shuffled(ratings, seed), options).ShouldBe(AgreementReport.Compute(ratings, options));
        }, iter: 50);
    }

    private static void ShouldBeSameAndAtMostOne(Coefficient expected, Coefficient actual)
    {
        actual.IsDefined.ShouldBe(expected.IsDefined);
        if (expected.IsDefined)
        {
            actual.Value.ShouldBe(expected.Value, 1e-12);
            expected.Value.ShouldBeLessThanOrEqualTo(1 + 1e-12);
        }
    }
}
