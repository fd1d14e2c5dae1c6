using System.Text.Json.Nodes;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.State;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Scheduling;

/// <summary>
/// A no-op plan is answered from the stamp of the last all-FRESH plan while nothing that plan read has changed, and
/// planned in full the moment anything has: each change a user can make to what a plan reads is tried here, and the
/// answer is compared with a plan made without stamps.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class PlanStampTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ReadStage _read = new();
    private readonly UseStage _use = new();
    private JsonObject _root;

    public PlanStampTests()
    {
        Directory.CreateDirectory(_temp.Combine("inputs", "folder"));
        File.WriteAllText(_temp.Combine("inputs", "a.txt"), "alpha\n");

        // A whole number of ticks, so that putting it back after an edit restores it to the nanosecond.
        File.SetLastWriteTimeUtc(_temp.Combine("inputs", "a.txt"), new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        File.WriteAllText(_temp.Combine("inputs", "folder", "b.txt"), "beta\n");
        _root = new JsonObject
        {
            ["version"] = 1,
            ["files"] = new JsonArray("inputs/a.txt", "inputs/folder", "inputs/later.txt"),
        };
        File.WriteAllText(ManifestPath, _root.ToJsonString() + "\n");
    }

    private string ManifestPath => _temp.Combine("datasets.yaml");

    private BuildOptions Options => BuildOptions.ForManifest(ManifestPath) with { Jobs = 1 };

    private string StampFolder => Path.Combine(Options.StateDirectory, "plan");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Plan_NothingChangedSinceAFreshPlan_IsAnsweredFromTheStampWithoutPlanning()
    {
        var full = await BuildThenPlanAsync();
        var calls = (_read.PlanCalls, _use.PlanCalls);

        var kept = await PlanAsync();

        (_read.PlanCalls, _use.PlanCalls).ShouldBe(calls);
        Describe(kept).ShouldBe(Describe(full));
        Describe(kept).ShouldBe(Describe(await PlanAsync(stamps: false)));
        kept.Targets.Single(t => t.TargetId == "Use/one").Upstream.ShouldBe([new UpstreamRef("Read/all", "out.txt")]);
        kept.Targets.Single(t => t.TargetId == "Use/one").WorkUnit.ShouldBe("unit-of-one");
        kept.UpToDate.ShouldBeTrue();
    }

    [Fact]
    public async Task Build_NothingChangedSinceAFreshPlan_IsUpToDateWithoutPlanning()
    {
        var full = await BuildThenPlanAsync();
        var calls = (_read.PlanCalls, _use.PlanCalls);
        var lockBytes = File.ReadAllBytes(Options.LockPath);
        var summary = Path.Combine(Options.StateDirectory, "runs", "last.json");
        File.Delete(summary);

        var report = await new BuildEngine(Pipeline(), Document(), Options).BuildAsync(TestContext.Current.CancellationToken);

        (_read.PlanCalls, _use.PlanCalls).ShouldBe(calls);
        report.Succeeded.ShouldBeTrue();
        report.ExecutedCount.ShouldBe(0);
        report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Status} {r.Key}")
            .ShouldBe(full.Targets.Select(t => $"{t.TargetId} UpToDate Fresh {t.Key}"));
        File.ReadAllBytes(Options.LockPath).ShouldBe(lockBytes);
        File.Exists(summary).ShouldBeTrue("a build from the stamp still writes its run summary");

        // Written as a stream, in the layout a JSON tree written indented has always had.
        var text = File.ReadAllText(summary);
        text.ShouldBe(JsonNode.Parse(text)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        JsonNode.Parse(text)!["targets"]!.AsArray().Select(t => t!["outcome"]!.GetValue<string>()).ShouldAllBe(o => o == "UpToDate");
    }

    [Fact]
    public async Task Build_FindingEverythingUpToDate_KeepsTheStampAPlanWouldKeep()
    {
        var first = await new BuildEngine(Pipeline(), Document(), Options).BuildAsync(TestContext.Current.CancellationToken);
        first.ExecutedCount.ShouldBe(2);
        Directory.Exists(StampFolder).ShouldBeTrue();
        Directory.GetFiles(StampFolder).ShouldBeEmpty("a build that ran targets keeps no stamp");
        FileClock.WaitForNextTick();
        var upToDate = await new BuildEngine(Pipeline(), Document(), Options).BuildAsync(TestContext.Current.CancellationToken);
        upToDate.ExecutedCount.ShouldBe(0);
        var calls = (_read.PlanCalls, _use.PlanCalls);

        var kept = await PlanAsync();

        (_read.PlanCalls, _use.PlanCalls).ShouldBe(calls);
        Describe(kept).ShouldBe(Describe(await PlanAsync(stamps: false)));
    }

    [Fact]
    public async Task Build_FromTheStamp_DropsLockEntriesOfTargetsNoLongerDeclaredAsAWholeBuildDoes()
    {
        await BuildThenPlanAsync();
        await LockEntries.CopyAsync(Options, "Read/all", "Read/gone");
        FileClock.WaitForNextTick();
        await PlanAsync();
        Directory.GetFiles(StampFolder, "*.stamp").ShouldHaveSingleItem();
        var calls = _read.PlanCalls;

        var report = await new BuildEngine(Pipeline(), Document(), Options).BuildAsync(TestContext.Current.CancellationToken);

        _read.PlanCalls.ShouldBe(calls, "answered from the stamp");
        report.Succeeded.ShouldBeTrue();
        LockFile.Read(Options.LockPath).Entries.Keys.ShouldBe(["Read/all", "Use/one"]);
    }

    [Fact]
    public async Task Build_ForcedOrStampsOff_IgnoresTheStamp()
    {
        await BuildThenPlanAsync();
        var calls = _read.PlanCalls;

        var forced = await new BuildEngine(Pipeline(), Document(), Options with { Force = true }).BuildAsync(TestContext.Current.CancellationToken);
        var afterForced = _read.PlanCalls;
        await new BuildEngine(Pipeline(), Document(), Options with { PlanStamps = false }).BuildAsync(TestContext.Current.CancellationToken);

        forced.ExecutedCount.ShouldBe(2);
        afterForced.ShouldBeGreaterThan(calls);
        _read.PlanCalls.ShouldBeGreaterThan(afterForced);
    }

    public static TheoryData<string> Changes() =>
    [
        "a named file is edited, same size, modification time put back",
        "a named file appears",
        "a file is added to a named folder",
        "a file in a named folder is removed",
        "a file in a named folder is edited, same size",
        "the manifest file is touched",
        "the manifest document differs",
        "a blob is removed from the cache",
        "an entry is removed from the cache",
        "the lock file is replaced",
        "an environment variable is set",
        "a stage's fact changes",
        "a stage's version changes",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Plan_AfterAChange_IsPlannedAgain(string change)
    {
        await BuildThenPlanAsync();
        var calls = _read.PlanCalls;
        var variable = $"TRAJBUILD_STAMP_TEST_{Guid.NewGuid():N}";
        try
        {
            Change(change, variable);

            var plan = await PlanAsync();

            _read.PlanCalls.ShouldBeGreaterThan(calls, $"{change}: the stamp answered");
            Describe(plan).ShouldBe(Describe(await PlanAsync(stamps: false)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("one byte flipped")]
    [InlineData("truncated")]
    [InlineData("emptied")]
    public async Task Plan_DamagedStamp_IsPlannedInFullAndGivesTheSameAnswer(string damage)
    {
        var full = await BuildThenPlanAsync();
        var stamp = Directory.GetFiles(StampFolder, "*.stamp").ShouldHaveSingleItem();
        var bytes = File.ReadAllBytes(stamp);
        switch (damage)
        {
            case "one byte flipped":
                bytes[bytes.Length / 2] ^= 0x20;
                File.WriteAllBytes(stamp, bytes);
                break;
            case "truncated":
                File.WriteAllBytes(stamp, bytes[..(bytes.Length / 2)]);
                break;
            default:
                File.WriteAllBytes(stamp, []);
                break;
        }

        var calls = _read.PlanCalls;

        var plan = await PlanAsync();

        _read.PlanCalls.ShouldBeGreaterThan(calls);
        Describe(plan).ShouldBe(Describe(full));
    }

    // A stamp whose checksum holds but whose targets do not decode (cut short and hashed again): it is current, so the plan
    // tries its targets first; then it is no base either, and the plan is made in full (its bytes were read back once).
    [Fact]
    public async Task Plan_CurrentStampWhoseTargetsDoNotDecode_IsPlannedInFullAndGivesTheSameAnswer()
    {
        var full = await BuildThenPlanAsync();
        var stamp = Directory.GetFiles(StampFolder, "*.stamp").ShouldHaveSingleItem();
        var content = File.ReadAllBytes(stamp)[..^32][..^100];
        File.WriteAllBytes(stamp, [.. content, .. System.Security.Cryptography.SHA256.HashData(content)]);
        var calls = _read.PlanCalls;

        var plan = await PlanAsync();

        _read.PlanCalls.ShouldBeGreaterThan(calls);
        Describe(plan).ShouldBe(Describe(full));
    }

    [Fact]
    public async Task Plan_NotEverythingFresh_KeepsNoStampAndLeavesTheOldOneAsTheBaseOfTheNext()
    {
        (await PlanAsync()).UpToDate.ShouldBeFalse();
        Directory.Exists(StampFolder).ShouldBeTrue();
        Directory.GetFiles(StampFolder).ShouldBeEmpty();

        await BuildThenPlanAsync();
        var stamp = Directory.GetFiles(StampFolder, "*.stamp").ShouldHaveSingleItem();
        var kept = File.ReadAllBytes(stamp);
        File.WriteAllText(_temp.Combine("inputs", "a.txt"), "changed\n");
        (await PlanAsync()).UpToDate.ShouldBeFalse();
        var calls = _read.PlanCalls;

        File.ReadAllBytes(Directory.GetFiles(StampFolder, "*.stamp").ShouldHaveSingleItem()).ShouldBe(kept);
        (await PlanAsync()).UpToDate.ShouldBeFalse();
        _read.PlanCalls.ShouldBeGreaterThan(calls, "the old stamp no longer answers");
    }

    [Fact]
    public async Task Plan_StampsOff_PlansInFullEveryTime()
    {
        await BuildThenPlanAsync();
        var calls = _read.PlanCalls;

        await PlanAsync(stamps: false);
        var afterOne = _read.PlanCalls;
        await PlanAsync(stamps: false);

        afterOne.ShouldBeGreaterThan(calls);
        _read.PlanCalls.ShouldBeGreaterThan(afterOne);
    }

    [Fact]
    public async Task Commit_SomethingChangedInTheClockTickTheObservationBegan_KeepsNoStamp()
    {
        await new BuildEngine(Pipeline(), Document(), Options).BuildAsync(TestContext.Current.CancellationToken);
        FileClock.WaitForNextTick();
        var engine = new BuildEngine(Pipeline(), Document(), Options with { PlanStamps = false });
        var plan = await engine.PlanAsync(TestContext.Current.CancellationToken);
        var targets = plan.Targets.Select(t => new TargetSpec(t.Stage, t.TargetId[(t.Stage.Length + 1)..]) { Upstream = t.Upstream, WorkUnit = t.WorkUnit }).ToList();
        var stamp = PlanStamp.For(Pipeline(), Document(), Options).ShouldNotBeNull();

        // Racy: the newest path changed in the tick the observation began, so a later change in that tick is unseen.
        using var racy = stamp.Begin().ShouldNotBeNull();
        stamp.Commit(racy with { ClockNs = racy.Stamps.Max(s => s.Stamp.LatestNs) }, plan, lockHoldsOthers: false, targets);
        Directory.GetFiles(StampFolder).ShouldBeEmpty();

        using var settled = stamp.Begin().ShouldNotBeNull();
        stamp.Commit(settled, plan, lockHoldsOthers: false, targets);
        Directory.GetFiles(StampFolder, "*.stamp").ShouldHaveSingleItem();
        stamp.TryUse().ShouldNotBeNull();
    }

    [Fact]
    public void Stamp_OfAPlanInManyBlocks_ReadsBackEveryTargetAndFingerprint()
    {
        var (stamp, plan, targets) = Kept(20_000);

        var reading = stamp.Read().ShouldNotBeNull();

        reading.Current.ShouldBeTrue();
        Describe(reading.Plan).ShouldBe(Describe(plan));
        reading.Fingerprints.ShouldBe(targets.Select(TargetFingerprint.Of).ToArray());
        reading.Upstream[7].ShouldBe([6, 3]);
    }

    [Fact]
    public void Stamp_ReadBackAsTheCurrentPlan_RunsNoCollectionWhileItsTargetsAreMade()
    {
        // Every target of a current plan lives as long as the plan: a collection while they are made would only copy
        // them (60,000 targets are about 36 MB of objects, a dozen collections otherwise). Tests of this class run alone.
        var (stamp, _, _) = Kept(60_000);
        var collections = GC.CollectionCount(0);

        var reading = stamp.Read().ShouldNotBeNull();

        (GC.CollectionCount(0) - collections).ShouldBeLessThanOrEqualTo(1, "the collection a no-GC region begins with, at most");
        reading.Current.ShouldBeTrue();
        reading.Plan.Targets.Count.ShouldBe(60_000);
        System.Runtime.GCSettings.LatencyMode.ShouldNotBe(System.Runtime.GCLatencyMode.NoGCRegion);
    }

    // A plan of count targets kept in a stamp, in blocks of 8,192 decoded on every core; upstream references cross
    // blocks, some name no output.
    private (PlanStamp Stamp, PlanReport Plan, List<TargetSpec> Targets) Kept(int count)
    {
        var targets = new List<TargetSpec>();
        for (var i = 0; i < count; i++)
        {
            List<UpstreamRef> upstream = i == 0 ? [] : [new UpstreamRef(targets[i - 1].Id, i % 3 == 0 ? null : "out.txt"), new UpstreamRef(targets[i / 2].Id, $"part-{i % 4}.json")];
            targets.Add(new TargetSpec(i % 2 == 0 ? "Read" : "Use", $"unit/{i}") { Upstream = upstream, WorkUnit = i % 5 == 0 ? $"shared-{i % 7}" : $"unit/{i}" });
        }

        var plan = new PlanReport([.. targets.Select(t => new TargetPlan(t.Id, t.Stage, TargetStatus.Fresh, Digest.OfText(t.Id), []) { Upstream = t.Upstream, WorkUnit = t.WorkUnit })], []);
        FileClock.WaitForNextTick();
        var stamp = PlanStamp.For(Pipeline(), Document(), Options).ShouldNotBeNull();
        using (var observation = stamp.Begin().ShouldNotBeNull())
        {
            stamp.Commit(observation, plan, lockHoldsOthers: false, targets);
        }

        return (stamp, plan, targets);
    }

    [Fact]
    public void FileStamp_SeesWhatAWriteChanges()
    {
        var path = _temp.Combine("inputs", "a.txt");
        var before = FileStamp.Of(path).ShouldNotBeNull();
        FileClock.WaitForNextTick();
        File.WriteAllText(path, "ALPHA\n");
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddDays(-1));

        var after = FileStamp.Of(path).ShouldNotBeNull();

        before.Kind.ShouldBe(FileKind.File);
        after.Size.ShouldBe(before.Size);
        after.Inode.ShouldBe(before.Inode);
        after.Size.ShouldBe(new FileInfo(path).Length);
        after.ModifiedNs.ShouldBe((File.GetLastWriteTimeUtc(path) - DateTime.UnixEpoch).Ticks * 100, "statx's modification time is .NET's");
        after.ChangedNs.ShouldBeGreaterThan(before.ChangedNs);
        FileStamp.Of(_temp.Combine("nothing-here")).ShouldBe(FileStamp.Missing);
        FileStamp.Of(_temp.Path).ShouldNotBeNull().Kind.ShouldBe(FileKind.Directory);
    }

    private void Change(string change, string variable)
    {
        switch (change)
        {
            case "a named file is edited, same size, modification time put back":
                var path = _temp.Combine("inputs", "a.txt");
                var before = FileStamp.Of(path)!.Value;
                var written = File.GetLastWriteTimeUtc(path);
                File.WriteAllText(path, "ALPHA\n");
                File.SetLastWriteTimeUtc(path, written);
                (FileStamp.Of(path)!.Value with { ChangedNs = 0 }).ShouldBe(before with { ChangedNs = 0 }, "only the change time may tell");
                break;
            case "a named file appears":
                File.WriteAllText(_temp.Combine("inputs", "later.txt"), "later\n");
                break;
            case "a file is added to a named folder":
                File.WriteAllText(_temp.Combine("inputs", "folder", "c.txt"), "gamma\n");
                break;
            case "a file in a named folder is removed":
                File.Delete(_temp.Combine("inputs", "folder", "b.txt"));
                break;
            case "a file in a named folder is edited, same size":
                File.WriteAllText(_temp.Combine("inputs", "folder", "b.txt"), "BETA\n");
                break;
            case "the manifest file is touched":
                File.SetLastWriteTimeUtc(ManifestPath, DateTime.UtcNow);
                break;
            case "the manifest document differs":
                _root = (JsonObject)_root.DeepClone();
                _root["epoch"] = 1L;
                break;
            case "a blob is removed from the cache":
                File.Delete(Directory.GetFiles(Path.Combine(Options.CacheDirectory, "cas"), "*", SearchOption.AllDirectories)[0]);
                break;
            case "an entry is removed from the cache":
                File.Delete(Directory.GetFiles(Path.Combine(Options.CacheDirectory, "ac"), "*", SearchOption.AllDirectories)[0]);
                break;
            case "the lock file is replaced":
                var text = File.ReadAllText(Options.LockPath);
                File.Delete(Options.LockPath);
                File.WriteAllText(Options.LockPath, text);
                break;
            case "an environment variable is set":
                Environment.SetEnvironmentVariable(variable, "1");
                break;
            case "a stage's fact changes":
                _read.Fact = "other";
                break;
            case "a stage's version changes":
                _use.Version = 2;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "unknown change");
        }
    }

    // Builds, waits for the file system's clock to move past the build's writes, and plans in full (keeping a stamp).
    private async Task<PlanReport> BuildThenPlanAsync()
    {
        await new BuildEngine(Pipeline(), Document(), Options).BuildAsync(TestContext.Current.CancellationToken);
        FileClock.WaitForNextTick();
        var calls = _read.PlanCalls;
        var plan = await PlanAsync();
        _read.PlanCalls.ShouldBeGreaterThan(calls);
        plan.Targets.ShouldAllBe(t => t.Status == TargetStatus.Fresh);
        Directory.GetFiles(StampFolder, "*.stamp").ShouldHaveSingleItem();

        // And the cache entries it read: the next plan in full is answered from them where their folders did not move.
        Directory.GetFiles(StampFolder, "*.actions").ShouldHaveSingleItem();
        return plan;
    }

    private Task<PlanReport> PlanAsync(bool stamps = true) =>
        new BuildEngine(Pipeline(), Document(), Options with { PlanStamps = stamps }).PlanAsync(TestContext.Current.CancellationToken);

    private Pipeline Pipeline() => new([_read, _use]);

    private ManifestDocument Document() => new(ManifestPath, (JsonObject)_root.DeepClone(), new Dictionary<string, (int, int)>());

    private static List<string> Describe(PlanReport plan) =>
        [
            .. plan.Targets.Select(t => $"{t.TargetId} {t.Stage} {t.Status} {t.Key} causes={t.Causes.Count} work={t.WorkUnit} up={string.Join(",", t.Upstream)}"),
            .. plan.Pending.Select(p => $"pending {p}"),
        ];

    // Plans one target from the files the manifest names (their digests, or "missing"), and says so in a fact.
    private sealed class ReadStage : IStage, IPlanInputs
    {
        private int _planCalls;

        public int PlanCalls => Volatile.Read(ref _planCalls);

        public string Fact { get; set; } = "one";

        public string Name => "Read";

        public int Version => 1;

        public StageRole Role => StageRole.Produce;

        public void DescribePlanInputs(ManifestDocument manifest, PlanInputs inputs) => inputs.Fact("read", Fact);

        public StagePlan Plan(PlanContext context)
        {
            Interlocked.Increment(ref _planCalls);
            var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in context.Manifest.Root["files"]!.AsArray().Select(f => f!.GetValue<string>()))
            {
                var path = Path.Combine(context.Manifest.BaseDirectory, name);
                inputs[name] = File.Exists(path) ? Digest.OfFile(path)
                    : Directory.Exists(path) ? Digest.OfText(string.Join("\n", Directory.GetFiles(path).Order(StringComparer.Ordinal).Select(Digest.OfFile)))
                    : "missing";
            }

            var plan = new StagePlan();
            plan.Add(new TargetSpec(Name, "all") { Inputs = inputs, Params = new JsonObject { ["fact"] = Fact } });
            return plan;
        }

        public Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken) =>
            context.WriteOutputAsync("out.txt", string.Join("\n", context.Target.Inputs.Values) + "\n", cancellationToken);
    }

    // Reads Read's output: a second level, with an upstream file and its own work unit.
    private sealed class UseStage : IStage
    {
        private int _planCalls;

        public int PlanCalls => Volatile.Read(ref _planCalls);

        public string Name => "Use";

        public int Version { get; set; } = 1;

        public StageRole Role => StageRole.Produce;

        public StagePlan Plan(PlanContext context)
        {
            Interlocked.Increment(ref _planCalls);
            var plan = new StagePlan();
            if (context.OutputsOf("Read/all") is not null)
            {
                plan.Add(new TargetSpec(Name, "one") { Upstream = [new UpstreamRef("Read/all", "out.txt")], WorkUnit = "unit-of-one" });
            }

            return plan;
        }

        public Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken) =>
            context.WriteOutputAsync("used.txt", "used\n", cancellationToken);
    }
}
