using TrajectoryBuild.Scheduling;
using TrajectoryBuild.State;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Testing.Stages;

namespace TrajectoryBuild.Tests.Scheduling;

/// <summary>
/// <c>--shard i/n</c>: legs running at the same time on one cache build every target exactly once between them, and
/// each ends with the lock of a whole build.
/// </summary>
public sealed class ShardedBuildTests
{
    private static readonly TestManifest s_manifest = new()
    {
        Tasks = [.. Enumerable.Range(1, 12).Select(i => ($"task-{i:D2}", $"{i:D7}"))],
    };

    [Fact]
    public async Task ThreeLegsOnOneCache_BuildEveryTargetOnce_AndEachLocksLikeAWholeBuild()
    {
        using var whole = new BuildFixture();
        var full = await whole.BuildAsync(s_manifest);
        full.Succeeded.ShouldBeTrue();
        var everything = full.Results.Where(r => r.Executed).Select(r => r.TargetId).ToHashSet(StringComparer.Ordinal);
        everything.Count.ShouldBe(1 + 12 + 12 + 1, "Collect, Checkout and Check per task, Summarize");

        using var sharded = new BuildFixture();
        var legs = Enumerable.Range(1, 3).Select(i => sharded.Options with
        {
            LockPath = sharded.ManifestPath + $".leg{i}.lock",
            Shard = new ShardSpec(i, 3),
            ShardTimeout = TimeSpan.FromMinutes(1),
        }).ToList();
        var engines = legs.Select(options => sharded.Engine(s_manifest, options, new TestStageOptions { StepDelay = TimeSpan.FromMilliseconds(20) })).ToList();
        var reports = await Task.WhenAll(engines.Select(e => e.BuildAsync(TestContext.Current.CancellationToken)));

        var builtBy = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var leg = 1; leg <= 3; leg++)
        {
            var report = reports[leg - 1];
            report.Succeeded.ShouldBeTrue(string.Join("; ", report.Results.Where(r => r.Error is not null).Select(r => $"{r.TargetId}: {r.Error}")));
            report.Results.Select(r => r.TargetId).ToHashSet(StringComparer.Ordinal).SetEquals(everything).ShouldBeTrue("every leg sees the whole build");
            foreach (var target in report.Results.Where(r => r.Executed))
            {
                builtBy.TryAdd(target.TargetId, leg).ShouldBeTrue($"{target.TargetId} was built by leg {builtBy.GetValueOrDefault(target.TargetId)} and by leg {leg}");
                ShardSpec.OwnerOf(WorkUnitOf(target.TargetId), 3).ShouldBe(leg, $"{target.TargetId} was built by a leg that does not own it");
            }

            report.Results.Where(r => !r.Executed).ShouldAllBe(r => r.Outcome == TargetOutcome.Restored);
            Keys(legs[leg - 1].LockPath).ShouldBe(Keys(whole.Options.LockPath), $"leg {leg}'s lock");
        }

        builtBy.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(everything).ShouldBeTrue("the legs together built the whole build");
        builtBy.Values.Distinct().Count().ShouldBe(3, "every leg built something");
        foreach (var task in s_manifest.Tasks)
        {
            builtBy[$"Check/{task.Id}"].ShouldBe(builtBy[$"Checkout/{task.Id}"], $"{task.Id}'s chain stays on one leg");
        }
    }

    [Fact]
    public async Task ALegWhosePeersNeverRun_FailsTheirTargetsAfterTheTimeout_NamingTheOwner()
    {
        using var fixture = new BuildFixture();
        var manifest = new TestManifest();
        var owner = ShardSpec.OwnerOf("local-demo", 2);
        var lonely = new ShardSpec(3 - owner, 2);
        var report = await fixture.BuildAsync(manifest, fixture.Options with { Shard = lonely, ShardTimeout = TimeSpan.FromSeconds(1) });

        report.Succeeded.ShouldBeFalse();
        var failed = report.Results.Single(r => r.Outcome == TargetOutcome.Failed);
        failed.TargetId.ShouldBe("Collect/local-demo");
        failed.Error.ShouldBe($"shard {owner}/2 did not build it within 1 s: check that leg's log; legs share work through --cache-url, "
            + "or through one --state-dir on one machine (--shard-timeout waits longer)");
        report.Results.ShouldNotContain(r => r.Outcome == TargetOutcome.Built || r.Outcome == TargetOutcome.BuiltUnchanged, "nothing of another leg's is built here");
    }

    [Fact(Timeout = 60_000)]
    public async Task ALegWhoseOwnTargetFails_StopsWaitingForTheOthersAtOnce()
    {
        using var fixture = new BuildFixture();
        var owner = ShardSpec.OwnerOf("local-demo", 2);
        var own = s_manifest.Tasks.Select(t => t.Id).First(id => ShardSpec.OwnerOf(id, 2) == owner);
        var stages = new TestStageOptions { FailTarget = $"Checkout/{own}" };

        // The other leg never runs: without the stop, this leg would wait an hour for its targets.
        var report = await fixture.Engine(s_manifest, fixture.Options with { Shard = new ShardSpec(owner, 2), ShardTimeout = TimeSpan.FromHours(1) }, stages)
            .BuildAsync(TestContext.Current.CancellationToken);

        report.Succeeded.ShouldBeFalse();
        report.Results.Single(r => r.Outcome == TargetOutcome.Failed).TargetId.ShouldBe($"Checkout/{own}");
        report.Results.Where(r => r.Outcome == TargetOutcome.Skipped).ShouldContain(r => ShardSpec.OwnerOf(WorkUnitOf(r.TargetId), 2) != owner
            && r.Error == "not started: an earlier target failed (--keep-going builds what does not depend on it)");
    }

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/8", 2, 8)]
    [InlineData("256/256", 256, 256)]
    public void Parse_ValidShards(string text, int index, int count) => ShardSpec.Parse(text).ShouldBe(new ShardSpec(index, count));

    [Theory]
    [InlineData("", "'' is not a shard: write i/n, this leg's number and the number of legs, e.g. 2/8")]
    [InlineData("2", "'2' is not a shard: write i/n, this leg's number and the number of legs, e.g. 2/8")]
    [InlineData("0/4", "'0/4' is not a shard: write i/n, this leg's number and the number of legs, e.g. 2/8")]
    [InlineData("-1/4", "'-1/4' is not a shard: write i/n, this leg's number and the number of legs, e.g. 2/8")]
    [InlineData("1/2/3", "'1/2/3' is not a shard: write i/n, this leg's number and the number of legs, e.g. 2/8")]
    [InlineData("5/4", "'5/4': shard 5 of 4 does not exist; legs are numbered 1 to 4")]
    [InlineData("1/257", "'1/257': a build has at most 256 shards")]
    public void Parse_RejectsWithWhatIsWrong(string text, string message) =>
        Should.Throw<FormatException>(() => ShardSpec.Parse(text)).Message.ShouldBe(message);

    [Fact]
    public void OwnerOf_IsFixedByTheUnit_AndSpreadsUnitsEvenly()
    {
        // Legs of one build must agree without talking: the owner is a pure function of the unit's text.
        ShardSpec.OwnerOf("django__django-11099", 8).ShouldBe(ShardSpec.OwnerOf("django__django-11099", 8));
        ShardSpec.OwnerOf("anything", 1).ShouldBe(1);
        var counts = Enumerable.Range(0, 4000).GroupBy(i => ShardSpec.OwnerOf($"org__repo-{i}", 4)).ToDictionary(g => g.Key, g => g.Count());
        counts.Keys.Order().ShouldBe([1, 2, 3, 4]);
        counts.Values.ShouldAllBe(n => n > 900 && n < 1100);
    }

    // The test stages keep a task's chain together (WorkUnit = task id); Collect and Summarize are their own units.
    private static string WorkUnitOf(string targetId) => targetId[(targetId.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static Dictionary<string, string> Keys(string lockPath) =>
        LockFile.Read(lockPath).Entries.ToDictionary(e => e.Key, e => e.Value.Key, StringComparer.Ordinal);
}
