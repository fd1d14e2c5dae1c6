using TrajectoryBuild.Randomness;
using TrajectoryBuild.Verification.Agreement;

namespace TrajectoryBuild.Verification.Tests.Agreement;

public sealed class ClusterBootstrapTests
{
    [Fact]
    public void SplitMix64_Seed1234567_GivesVignasReferenceSequence()
    {
        var random = new SplitMix64(1234567);

        Enumerable.Range(0, 5).Select(_ => random.Next()).ShouldBe(
            [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL]);
    }

    [Fact]
    public void SplitMix64_NextBound_StaysInRangeAndCoversIt()
    {
        var random = new SplitMix64(7);

        var draws = Enumerable.Range(0, 1000).Select(_ => random.Next(6)).ToList();

        draws.ShouldAllBe(d => d >= 0 && d < 6);
        draws.Distinct().Count().ShouldBe(6);
    }

    [Fact]
    public void Percentile_InterpolatesBetweenOrderStatistics()
    {
        double[] sorted = [1, 2, 3, 4, 5];

        ClusterBootstrap.Percentile(sorted, 0.25).ShouldBe(2.0);
        ClusterBootstrap.Percentile(sorted, 0.1).ShouldBe(1.4, 1e-12);
        ClusterBootstrap.Percentile(sorted, 1.0).ShouldBe(5.0);
        ClusterBootstrap.Percentile([3.0], 0.975).ShouldBe(3.0);
    }

    [Fact]
    public void Compute_SameSeed_SameInterval_OtherSeed_OtherInterval()
    {
        var clusters = Enumerable.Range(0, 30).Select(i => (double)(i * 7 % 11)).ToArray();
        var options = new BootstrapOptions(Resamples: 500, Seed: 42);

        var first = ClusterBootstrap.Compute(clusters, Mean, options);
        var again = ClusterBootstrap.Compute(clusters, Mean, options);
        var other = ClusterBootstrap.Compute(clusters, Mean, options with { Seed = 43 });

        again.ShouldBe(first);
        other.ShouldNotBe(first);
        first.Used.ShouldBe(500);
        first.Low.ShouldNotBeNull().ShouldBeLessThan(clusters.Average());
        first.High.ShouldNotBeNull().ShouldBeGreaterThan(clusters.Average());
    }

    [Fact]
    public void Compute_UndefinedResamples_AreSkippedAndCounted()
    {
        // The metric is undefined on resamples without cluster 0: about (1 - 1/n)^n of them.
        int[] clusters = [0, 1, 2, 3];
        static Coefficient HasZero(IReadOnlyList<int> draw) =>
            draw.Contains(0) ? Coefficient.Of(draw.Count(c => c == 0)) : Coefficient.Undefined("no zero");

        var interval = ClusterBootstrap.Compute(clusters, HasZero, new BootstrapOptions(Resamples: 400, Seed: 1));

        interval.Requested.ShouldBe(400);
        interval.Used.ShouldBeInRange(200, 340);
        interval.Low.ShouldBe(1.0);
    }

    [Fact]
    public void Compute_NoDefinedResampleOrNoCluster_HasNoBounds()
    {
        var never = ClusterBootstrap.Compute([1, 2], _ => Coefficient.Undefined("never"), new BootstrapOptions(Resamples: 50));
        var empty = ClusterBootstrap.Compute(Array.Empty<int>(), _ => Coefficient.Of(1), new BootstrapOptions(Resamples: 50));

        never.IsDefined.ShouldBeFalse();
        never.Used.ShouldBe(0);
        empty.Low.ShouldBeNull();
    }

    [Fact]
    public void Compute_CorrelatedClusters_WiderThanItemBootstrap()
    {
        // 20 clusters of 10 identical items: resampling items pretends there are 200 independent values.
        var clusters = Enumerable.Range(0, 20).Select(c => Enumerable.Repeat((double)(c % 5), 10).ToArray()).ToArray();
        var items = clusters.SelectMany(c => c.Select(v => new[] { v })).ToArray();
        static Coefficient Flat(IReadOnlyList<double[]> draw) => Mean([.. draw.SelectMany(c => c)]);
        var options = new BootstrapOptions(Resamples: 1000, Seed: 9);

        var clustered = ClusterBootstrap.Compute(clusters, Flat, options);
        var naive = ClusterBootstrap.Compute(items, Flat, options);

        Flat(clusters).Value.ShouldBe(Flat(items).Value);
        (clustered.High - clustered.Low).ShouldNotBeNull().ShouldBeGreaterThan(2 * (naive.High - naive.Low).ShouldNotBeNull());
    }

    [Fact]
    public void Compute_InvalidOptions_ListsEveryProblem()
    {
        var error = Should.Throw<ArgumentException>(() => ClusterBootstrap.Compute([1.0], Mean, new BootstrapOptions(-1, 0, 1.5)));

        error.Message.ShouldContain("Resamples");
        error.Message.ShouldContain("ConfidenceLevel");
    }

    private static Coefficient Mean(IReadOnlyList<double> draw) => Coefficient.Of(draw.Average());
}
