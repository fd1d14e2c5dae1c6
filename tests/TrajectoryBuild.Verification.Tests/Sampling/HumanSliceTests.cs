using System.Globalization;
using TrajectoryBuild.Verification.Sampling;

namespace TrajectoryBuild.Verification.Tests.Sampling;

public sealed class HumanSliceTests
{
    private static readonly SliceOptions s_options = new(Fraction: 0.12, RandomShare: 0.8, OverlapAnnotators: 2, OverlapFraction: 0.2, Threshold: 0.5, Seed: "s");

    // 1,000 trajectories: 4 repos x 2 scaffolds, 30% resolved; gate scores spread, agreeing with the tests except every 50th.
    private static List<SliceCandidate> Corpus(int count = 1000) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var resolved = i % 10 < 3;
            var score = resolved ? 0.6 + (i % 7 * 0.05) : 0.1 + (i % 7 * 0.05);
            var accept = i % 50 == 0 ? !resolved : resolved;
            return new SliceCandidate($"t{i:D4}", $"org/repo{i % 4}", i % 2 == 0 ? "reference" : "swe-agent", "m", resolved, 5 + (i % 40), score, accept);
        }),
    ];

    [Fact]
    public void Select_TakesTheFractionWithTheRandomShare()
    {
        var slice = HumanSlice.Select(Corpus(), s_options);

        slice.Count.ShouldBe(120);
        slice.Count(p => p.Reason == SliceReason.Random).ShouldBe(96);
        slice.Count(p => p.Reason == SliceReason.Uncertainty).ShouldBe(24);
        slice.Select(p => p.Candidate.TrajectoryId).ShouldBeUnique();
    }

    [Fact]
    public void Select_RandomPart_FollowsStrataInProportion()
    {
        var corpus = Corpus();

        var random = HumanSlice.Select(corpus, s_options).Where(p => p.Reason == SliceReason.Random).ToList();

        foreach (var stratum in corpus.GroupBy(c => c.Stratum))
        {
            var expected = 96.0 * stratum.Count() / corpus.Count;
            var picked = random.Count(p => p.Candidate.Stratum == stratum.Key);
            picked.ShouldBeInRange((int)Math.Floor(expected), (int)Math.Ceiling(expected), stratum.Key);
        }
    }

    [Fact]
    public void Select_TopUp_TakesDisagreementsFirstThenScoresNearTheThreshold()
    {
        var slice = HumanSlice.Select(Corpus(), s_options);

        var topUp = slice.Where(p => p.Reason == SliceReason.Uncertainty).Select(p => p.Candidate).ToList();
        topUp.ShouldAllBe(c => c.Disagrees || Math.Abs(c.GateScore - 0.5) <= 0.1);
        var randomIds = slice.Where(p => p.Reason == SliceReason.Random).Select(p => p.Candidate.TrajectoryId).ToHashSet();
        var disagreeing = Corpus().Count(c => c.Disagrees && !randomIds.Contains(c.TrajectoryId));
        topUp.Count(c => c.Disagrees).ShouldBe(Math.Min(disagreeing, 24));
    }

    [Fact]
    public void Select_Overlap_IsAShareOfTheRandomPartOnly()
    {
        var slice = HumanSlice.Select(Corpus(), s_options);

        slice.Count(p => p.Annotators == 2).ShouldBe(19);
        slice.Where(p => p.Annotators == 2).ShouldAllBe(p => p.Reason == SliceReason.Random);
        slice.Where(p => p.Annotators != 2).ShouldAllBe(p => p.Annotators == 1);
    }

    [Fact]
    public void Select_IsIndependentOfInputOrder_AndChangesWithTheSeed()
    {
        var corpus = Corpus();
        var shuffled = corpus.OrderBy(c => c.TrajectoryId.GetHashCode(StringComparison.Ordinal)).ToList();

        var a = HumanSlice.Select(corpus, s_options);
        var b = HumanSlice.Select(shuffled, s_options);
        var c = HumanSlice.Select(corpus, s_options with { Seed = "other" });

        b.ShouldBe(a);
        c.Select(p => p.Candidate.TrajectoryId).ShouldNotBe(a.Select(p => p.Candidate.TrajectoryId));
    }

    [Fact]
    public void Select_AddingTrajectories_KeepsMostEarlierPicks()
    {
        var before = HumanSlice.Select(Corpus(1000), s_options).Where(p => p.Reason == SliceReason.Random).Select(p => p.Candidate.TrajectoryId).ToHashSet();

        var after = HumanSlice.Select(Corpus(1100), s_options).Where(p => p.Reason == SliceReason.Random).Select(p => p.Candidate.TrajectoryId).ToHashSet();

        before.Intersect(after).Count().ShouldBeGreaterThan(before.Count * 3 / 4);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 1)]
    [InlineData(13, 2)]
    public void Select_SmallBuilds_TakeAtLeastOne(int count, int expected)
    {
        var slice = HumanSlice.Select(Corpus(count), s_options);

        slice.Count.ShouldBe(expected);
        slice.Count(p => p.Annotators == 2).ShouldBe(1, "an agreement item even in a tiny build");
    }

    [Fact]
    public void Select_TooFewUncertain_GrowsTheRandomPart()
    {
        var calm = Enumerable.Range(0, 100).Select(i => new SliceCandidate(i.ToString("D3", CultureInfo.InvariantCulture), "r", "s", "m", true, 3, 0.95, true));

        var slice = HumanSlice.Select(calm, s_options);

        slice.Count.ShouldBe(12);
        slice.ShouldAllBe(p => p.Reason == SliceReason.Random);
    }
}
