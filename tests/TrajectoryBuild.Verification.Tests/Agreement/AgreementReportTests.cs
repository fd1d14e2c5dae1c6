using TrajectoryBuild.Verification.Agreement;

namespace TrajectoryBuild.Verification.Tests.Agreement;

public sealed class AgreementReportTests
{
    private static readonly AgreementOptions s_pointOnly = new() { Bootstrap = new BootstrapOptions(Resamples: 0) };

    [Fact]
    public void Compute_RealisticSlice_EveryIntervalContainsItsEstimate()
    {
        var ratings = SyntheticRatings.Create();

        var estimates = AgreementReport.Compute(ratings, new AgreementOptions());

        estimates.Select(e => e.Metric).ShouldBe(AgreementOptions.AllMetrics);
        foreach (var estimate in estimates)
        {
            estimate.IsDefined.ShouldBeTrue(estimate.Metric.ToString());
            estimate.BootstrapUsed.ShouldBe(2000, estimate.Metric.ToString());
            estimate.Value.ShouldBeInRange(estimate.Low.ShouldNotBeNull(), estimate.High.ShouldNotBeNull(), estimate.Metric.ToString());
            estimate.High.Value.ShouldBeGreaterThan(estimate.Low.Value);
            estimate.Clusters.ShouldBe(40);
        }
    }

    [Fact]
    public void Compute_AnyOrderOfRatings_GivesIdenticalNumbers()
    {
        var ratings = SyntheticRatings.Create(trajectories: 15);
        var options = new AgreementOptions { Bootstrap = new BootstrapOptions(Resamples: 200, Seed: 11) };

        var ordered = AgreementReport.Compute(ratings, options);
        var shuffled = AgreementReport.Compute(SyntheticRatings.Shuffled(ratings, 5), options);

        shuffled.ShouldBe(ordered);
    }

    [Fact]
    public void Compute_SameSeedSameIntervals_OtherSeedOtherIntervals()
    {
        var ratings = SyntheticRatings.Create(trajectories: 15);
        var options = new AgreementOptions { Bootstrap = new BootstrapOptions(Resamples: 200, Seed: 11) };

        var first = AgreementReport.Compute(ratings, options);
        var again = AgreementReport.Compute(ratings, options);
        var other = AgreementReport.Compute(ratings, options with { Bootstrap = options.Bootstrap with { Seed = 12 } });

        again.ShouldBe(first);
        other.Select(e => e.Value).ShouldBe(first.Select(e => e.Value));
        other.Select(e => e.Low).ShouldNotBe(first.Select(e => e.Low));
    }

    [Fact]
    public void Compute_TwoRaters_EqualsTheLowLevelMetrics()
    {
        int[] alice = [1, 2, 3, 3, 2, 1, 2, 3, 1, 2];
        int[] bob = [1, 2, 2, 3, 2, 1, 3, 3, 1, 1];
        var ratings = alice.Select((v, i) => new Rating($"t{i / 3}", $"{i}", "alice", v))
            .Concat(bob.Select((v, i) => new Rating($"t{i / 3}", $"{i}", "bob", v)));

        var estimates = AgreementReport.Compute(ratings, s_pointOnly).ToDictionary(e => e.Metric, e => e.Value);

        estimates[AgreementMetric.CohenKappa].ShouldBe(CohenKappa.Compute(alice, bob).Value, 1e-15);
        estimates[AgreementMetric.CohenKappaLinear].ShouldBe(CohenKappa.Compute(alice, bob, KappaWeights.Linear).Value, 1e-15);
        estimates[AgreementMetric.CohenKappaQuadratic].ShouldBe(CohenKappa.Compute(alice, bob, KappaWeights.Quadratic).Value, 1e-15);
        estimates[AgreementMetric.PercentAgreement].ShouldBe(0.7, 1e-15);
        estimates[AgreementMetric.GwetAc1].ShouldBe(GwetAc1.Compute(alice, bob).Value, 1e-15);
        estimates[AgreementMetric.KrippendorffAlphaOrdinal].ShouldBe(
            KrippendorffAlpha.Compute([[.. alice.Select(v => (double?)v)], [.. bob.Select(v => (double?)v)]], KrippendorffMetric.Ordinal).Value, 1e-15);
    }

    [Fact]
    public void Compute_ThreeRaters_CohenIsTheMeanOverRaterPairs()
    {
        int?[][] raters = [[1, 2, 3, 3, 2, 1], [1, 2, 2, 3, 2, 1], [2, 2, 3, 3, 1, 1]];
        int[] Rater(int r) => [.. raters[r].Select(v => v!.Value)];

        var estimate = AgreementReport.Compute(Vectors.Ratings(raters), s_pointOnly with { Metrics = [AgreementMetric.CohenKappaLinear] }).Single();

        var pairs = new[] { (0, 1), (0, 2), (1, 2) }.Select(p => CohenKappa.Compute(Rater(p.Item1), Rater(p.Item2), KappaWeights.Linear).Value);
        estimate.Value.ShouldBe(pairs.Average(), 1e-15);
    }

    [Fact]
    public void Compute_NltkEasyThroughRatings_IsNltkAlpha()
    {
        // NLTK test_easy: YES = 1, NO = 0; dress3 has one rating and is ignored.
        Rating[] ratings =
        [
            new("dress1", "0", "c1", 1), new("dress1", "0", "c2", 0), new("dress1", "0", "c3", 0),
            new("dress2", "0", "c1", 1), new("dress2", "0", "c2", 0), new("dress3", "0", "c3", 0),
        ];

        var estimate = AgreementReport.Compute(ratings, s_pointOnly with { Metrics = [AgreementMetric.KrippendorffAlphaNominal] }).Single();

        estimate.Value.ShouldBe(-0.3333333, 1e-7);
        estimate.Items.ShouldBe(2);
        estimate.Clusters.ShouldBe(2);
    }

    [Fact]
    public void Compute_ItemsRatedOnce_AreIgnored()
    {
        var ratings = SyntheticRatings.Create(trajectories: 10);
        var extra = ratings.Concat([new Rating("traj-new", "0", "alice", 1), new Rating("traj-000", "99", "bob", 3)]);
        var options = new AgreementOptions { Bootstrap = new BootstrapOptions(Resamples: 100) };

        AgreementReport.Compute(extra, options).ShouldBe(AgreementReport.Compute(ratings, options));
    }

    [Fact]
    public void Compute_EveryRaterGivesOneValue_KappasUndefinedNotThrown()
    {
        var ratings = Enumerable.Range(0, 6).SelectMany(i => new[] { new Rating($"t{i % 2}", $"{i}", "a", 2), new Rating($"t{i % 2}", $"{i}", "b", 2) }).ToList();

        var observed = AgreementReport.Compute(ratings, new AgreementOptions { Bootstrap = new BootstrapOptions(100) }).ToDictionary(e => e.Metric);
        var scale = AgreementReport.Compute(ratings, new AgreementOptions { Bootstrap = new BootstrapOptions(100), Categories = [1, 2, 3] }).ToDictionary(e => e.Metric);

        foreach (var metric in new[] { AgreementMetric.CohenKappa, AgreementMetric.FleissKappa, AgreementMetric.KrippendorffAlphaOrdinal, AgreementMetric.GwetAc1 })
        {
            observed[metric].IsDefined.ShouldBeFalse(metric.ToString());
            observed[metric].Value.ShouldBe(double.NaN);
            observed[metric].Low.ShouldBeNull();
            observed[metric].BootstrapUsed.ShouldBe(0);
        }

        observed[AgreementMetric.PercentAgreement].Value.ShouldBe(1.0);
        observed[AgreementMetric.PercentAgreement].Low.ShouldBe(1.0);
        scale[AgreementMetric.GwetAc1].Value.ShouldBe(1.0);
        scale[AgreementMetric.RandolphKappa].Value.ShouldBe(1.0);
        scale[AgreementMetric.CohenKappaQuadratic].IsDefined.ShouldBeFalse();
    }

    [Fact]
    public void Compute_DegenerateResamples_AreSkippedAndCounted()
    {
        // Only trajectory t0 holds a disagreement; resamples without it have one value and no defined kappa.
        var ratings = new List<Rating> { new("t0", "0", "a", 1), new("t0", "0", "b", 2) };
        ratings.AddRange(Enumerable.Range(1, 5).SelectMany(t => new[] { new Rating($"t{t}", "0", "a", 1), new Rating($"t{t}", "0", "b", 1) }));

        var estimate = AgreementReport.Compute(ratings, new AgreementOptions { Metrics = [AgreementMetric.FleissKappa], Bootstrap = new BootstrapOptions(500) }).Single();

        estimate.IsDefined.ShouldBeTrue();
        estimate.BootstrapUsed.ShouldBeInRange(300, 499);
    }

    [Fact]
    public void Compute_NoRatings_EverythingUndefined()
    {
        var estimates = AgreementReport.Compute([], new AgreementOptions());

        estimates.ShouldAllBe(e => !e.IsDefined && e.Items == 0 && e.Low == null);
    }

    [Fact]
    public void Compute_InvalidInput_Throws()
    {
        Rating[] twice = [new("t", "0", "a", 1), new("t", "0", "a", 2), new("t", "0", "b", 2)];
        Rating[] outside = [new("t", "0", "a", 1), new("t", "0", "b", 4)];
        var options = new AgreementOptions { Metrics = [], Bootstrap = new BootstrapOptions(-5), Categories = [1, 1] };

        Should.Throw<ArgumentException>(() => AgreementReport.Compute(twice, s_pointOnly)).Message.ShouldContain("2 times");
        Should.Throw<ArgumentException>(() => AgreementReport.Compute(outside, s_pointOnly with { Categories = [1, 2, 3] })).Message.ShouldContain("4");
        var error = Should.Throw<ArgumentException>(() => AgreementReport.Compute(outside, options));
        error.Message.ShouldContain("Metrics");
        error.Message.ShouldContain("Resamples");
        error.Message.ShouldContain("Categories");
    }
}
