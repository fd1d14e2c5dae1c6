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
/// A plan after the plan's inputs changed starts from the last all-FRESH plan: the targets declared as then, reading
/// only such targets, are FRESH with their kept keys without being evaluated; the others are planned as a plan in full
/// would. Each change is compared with a plan made without stamps, causes included, and the number of targets
/// evaluated is checked, so that both a base that reuses too much and one that reuses nothing fail.
/// </summary>
public sealed class PlanBaseTests : IDisposable
{
    private const int Tasks = 6;
    private const int InFull = -1;

    private readonly TempDirectory _temp = new();
    private readonly TaskStage _task = new();
    private readonly RunStage _run = new();
    private readonly ReportStage _report = new();
    private readonly JsonObject _root;

    public PlanBaseTests()
    {
        File.WriteAllLines(TasksPath, Enumerable.Range(0, Tasks).Select(i => $"t{i} c{i}"));
        _root = new JsonObject { ["version"] = 1, ["tasks"] = "tasks.txt" };
        File.WriteAllText(ManifestPath, _root.ToJsonString() + "\n");
    }

    // How many targets the plan after each change evaluates, when the report is declared in the first round (the graph
    // can be the base's) and when it waits for every run's output (a second round); InFull for all, none reused.
    public static TheoryData<string, bool, int> Changes => new()
    {
        // Task/t3, Run/t3, Report/all.
        { "a task's commit changed", false, 3 },
        { "a task's commit changed", true, 3 },
        { "a task's params changed", false, 3 },
        { "a task's params changed", true, 3 },
        { "a task's work unit changed", false, 3 },
        { "a task's work unit changed", true, 3 },
        // Run/t3 and the report.
        { "a task's run reads another output", false, 2 },
        { "a task's run reads another output", true, 2 },
        // Task/t6, Run/t6 and the report; waiting for Run/t6's output (not built), the report is pending, not declared.
        { "a task added", false, 3 },
        { "a task added", true, 2 },
        // The report, which reads one run fewer.
        { "a task removed", false, 1 },
        { "a task removed", true, 1 },
        { "the tasks reordered", false, 0 },
        { "the tasks reordered", true, 0 },
        // The lock, the cache, the stages or every key may have moved: no base.
        { "the manifest's epoch changed", false, InFull },
        { "the lock replaced", false, InFull },
        { "an entry removed from the cache", false, InFull },
        { "a stage's version changed", false, InFull },
    };

    private string ManifestPath => _temp.Combine("datasets.yaml");

    private string TasksPath => _temp.Combine("tasks.txt");

    private BuildOptions Options => BuildOptions.ForManifest(ManifestPath) with { Jobs = 1 };

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Plan_AfterAChange_EvaluatesOnlyWhatTheBaseCannotAnswerAndAgreesWithAPlanInFull(string change, bool rounds, int evaluated)
    {
        _report.WaitsForRuns = rounds;
        await BuildThenPlanAsync();
        Change(change);

        var (plan, counts) = await PlanAsync();

        Describe(plan).ShouldBe(Describe((await PlanAsync(stamps: false)).Plan), change);
        counts.FromStamp.ShouldBeFalse();
        counts.Evaluated.ShouldBe(evaluated == InFull ? plan.Targets.Count : evaluated, change);
        counts.Reused.ShouldBe(evaluated == InFull ? 0 : plan.Targets.Count - evaluated, change);

        // The last round's graph is the base's when the same targets are declared with the same upstream references.
        var sameGraph = change is "a task's commit changed" or "a task's params changed" or "a task's work unit changed" or "the tasks reordered";
        counts.GraphFromBase.ShouldBe(sameGraph, change);
    }

    [Fact]
    public async Task Plan_OneTaskChanged_ExplainsItsTargetsAsAPlanInFullDoes()
    {
        await BuildThenPlanAsync();
        Change("a task's commit changed");

        var (plan, _) = await PlanAsync();

        plan.Targets.Where(t => t.Status != TargetStatus.Fresh).Select(t => $"{t.TargetId} {t.Status}")
            .ShouldBe(["Task/t3 Stale", "Run/t3 Stale", "Report/all Stale"]);
        var task = plan.Targets.Single(t => t.TargetId == "Task/t3");
        task.Causes.Select(c => c.ToString()).ShouldBe(["COMMIT facts.commit: c3 -> changed"]);
        plan.Targets.Single(t => t.TargetId == "Report/all").Causes.ShouldAllBe(c => c.RootCauses!.Contains("Task/t3: COMMIT facts.commit: c3 -> changed"));
    }

    [Fact]
    public async Task Plan_FromTheBase_LeavesTheActionIndexHoldingTheReusedTargetsEntries()
    {
        await BuildThenPlanAsync();
        Change("a task's commit changed");

        await PlanAsync();

        // Reused targets' entries were not read, but the plan in full after the next build wants every one of them.
        var keys = LockFile.Read(Options.LockPath).Entries.Values.Select(e => e.Key).ToList();
        var index = TrajectoryBuild.Cache.ActionIndex.Open(Options.StateDirectory, Options.CacheDirectory).ShouldNotBeNull();
        var cache = new TrajectoryBuild.Cache.LocalCache(Options.CacheDirectory);
        keys.Count(k => index.TryGet(k, cache) is not null).ShouldBe(keys.Count);
    }

    [Fact]
    public async Task Plan_AfterAChange_WhenTheLockHeldTargetsTheKeptPlanDidNotList_IsInFull()
    {
        await new BuildEngine(Pipeline(), Document(), Options).BuildAsync(TestContext.Current.CancellationToken);
        await LockEntries.CopyAsync(Options, "Task/t0", "Task/gone");
        FileClock.WaitForNextTick();
        (await PlanAsync()).Plan.UpToDate.ShouldBeTrue();
        (await PlanAsync()).Counts.FromStamp.ShouldBeTrue("the kept plan answers while nothing changed");
        Change("a task's commit changed");

        var (plan, counts) = await PlanAsync();

        // The lock's other entry has a key the kept plan does not hold: it cannot stand for the lock.
        counts.ShouldBe(new BuildEngine.PlanCounts(plan.Targets.Count, 0, FromStamp: false, GraphFromBase: false));
        Describe(plan).ShouldBe(Describe((await PlanAsync(stamps: false)).Plan));
    }

    [Fact]
    public async Task Plan_AChangeThatBreaksTheGraph_FailsAsAPlanInFullDoes()
    {
        await BuildThenPlanAsync();
        var lines = File.ReadAllLines(TasksPath);
        lines[3] += " task=nowhere";
        File.WriteAllLines(TasksPath, lines);

        var full = await Should.ThrowAsync<TrajectoryBuild.Graph.GraphException>(() => PlanAsync(stamps: false));
        var fromBase = await Should.ThrowAsync<TrajectoryBuild.Graph.GraphException>(() => PlanAsync());

        fromBase.Message.ShouldBe(full.Message);
        full.Message.ShouldContain("Task/nowhere");
    }

    // The base and the action index are read on another thread while the stages declare: a plan that fails before they
    // are needed (a stage's error) or after (a graph the stages broke) fails with its own error, and leaves the engine's
    // cache free to answer from the index again (it would refuse a second index while the first is held).
    [Fact]
    public async Task Plan_ThatFailsWhileTheBaseIsRead_FailsWithItsOwnErrorAndTheSameEnginePlansFromTheBaseAfterIt()
    {
        await BuildThenPlanAsync();
        Change("a task's commit changed");
        var engine = new BuildEngine(Pipeline(), Document(), Options);
        var lines = File.ReadAllLines(TasksPath);

        _task.Fails = true;
        var stageFailure = await Should.ThrowAsync<InvalidOperationException>(() => engine.PlanAsync(TestContext.Current.CancellationToken));
        _task.Fails = false;
        File.WriteAllLines(TasksPath, [.. lines.Take(3), lines[3] + " task=nowhere", .. lines.Skip(4)]);
        var graphFailure = await Should.ThrowAsync<TrajectoryBuild.Graph.GraphException>(() => engine.PlanAsync(TestContext.Current.CancellationToken));
        File.WriteAllLines(TasksPath, lines);
        var plan = await engine.PlanAsync(TestContext.Current.CancellationToken);

        stageFailure.Message.ShouldBe("the Task stage failed to declare");
        graphFailure.Message.ShouldContain("Task/nowhere");
        engine.LastPlan.ShouldBe(new BuildEngine.PlanCounts(3, plan.Targets.Count - 3, FromStamp: false, GraphFromBase: true));
        Describe(plan).ShouldBe(Describe((await PlanAsync(stamps: false)).Plan));
    }

    [Fact]
    public async Task Plan_InFullWithADamagedLock_FailsNamingTheLockWhateverThreadReadIt()
    {
        await BuildThenPlanAsync();
        File.WriteAllText(Options.LockPath, "{ not json");

        var failure = await Should.ThrowAsync<InvalidDataException>(() => PlanAsync(stamps: false));

        failure.Message.ShouldStartWith($"{Options.LockPath}:1:");
        failure.Message.ShouldContain("the lock file is not valid JSON");
    }

    [Fact]
    public async Task Plan_InputsTouchedButTheSame_ReusesEveryTargetAndKeepsANewStamp()
    {
        await BuildThenPlanAsync();
        File.WriteAllText(TasksPath, File.ReadAllText(TasksPath));
        FileClock.WaitForNextTick();

        var (touched, counts) = await PlanAsync();
        var (again, next) = await PlanAsync();

        counts.ShouldBe(new BuildEngine.PlanCounts(0, (2 * Tasks) + 1, FromStamp: false, GraphFromBase: true));
        touched.UpToDate.ShouldBeTrue();
        next.FromStamp.ShouldBeTrue("the plan from the base found every target FRESH: its stamp answers the next one");
        Describe(again).ShouldBe(Describe(touched));

        // The new stamp keeps the fingerprints the plan matched the graph with: it is as good a base as the first.
        Change("a task's commit changed");
        var (changed, after) = await PlanAsync();
        after.Evaluated.ShouldBe(3);
        Describe(changed).ShouldBe(Describe((await PlanAsync(stamps: false)).Plan));
    }

    [Fact]
    public async Task Plan_AfterAChangeThatIsNotBuilt_StaysBasedOnTheLastFreshPlan()
    {
        await BuildThenPlanAsync();
        Change("a task's commit changed");
        await PlanAsync();

        var (_, counts) = await PlanAsync();

        counts.Evaluated.ShouldBe(3, "the second plan after the change is based on the same kept plan");
    }

    [Fact]
    public async Task Build_AfterAChange_RunsTheChangedTargetsAndThePlanAfterItIsInFull()
    {
        await BuildThenPlanAsync();
        Change("a task's commit changed");
        var report = await new BuildEngine(Pipeline(), Document(), Options).BuildAsync(TestContext.Current.CancellationToken);
        report.ExecutedCount.ShouldBe(3);
        FileClock.WaitForNextTick();

        var (plan, counts) = await PlanAsync();

        plan.UpToDate.ShouldBeTrue();
        counts.Evaluated.ShouldBe((2 * Tasks) + 1, "the build moved the lock and the cache: the kept plan is no base");
        (await PlanAsync()).Counts.FromStamp.ShouldBeTrue();
    }

    private void Change(string change)
    {
        var lines = File.ReadAllLines(TasksPath).ToList();
        switch (change)
        {
            case "a task's commit changed":
                lines[3] = "t3 changed";
                break;
            case "a task's params changed":
                lines[3] += " param=2";
                break;
            case "a task's work unit changed":
                lines[3] += " unit=shared";
                break;
            case "a task's run reads another output":
                lines[3] += " reads=other.txt";
                break;
            case "a task added":
                lines.Add($"t{Tasks} c{Tasks}");
                break;
            case "a task removed":
                lines.RemoveAt(3);
                break;
            case "the tasks reordered":
                lines.Reverse();
                break;
            case "the manifest's epoch changed":
                _root["epoch"] = 7L;
                File.WriteAllText(ManifestPath, _root.ToJsonString() + "\n");
                break;
            case "the lock replaced":
                var text = File.ReadAllText(Options.LockPath);
                File.Delete(Options.LockPath);
                File.WriteAllText(Options.LockPath, text);
                break;
            case "an entry removed from the cache":
                var key = LockFile.Read(Options.LockPath).Get("Run/t3")!.Key;
                File.Delete(Directory.GetFiles(Path.Combine(Options.CacheDirectory, "ac"), key + "*", SearchOption.AllDirectories).ShouldHaveSingleItem());
                break;
            case "a stage's version changed":
                _run.Version = 2;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "unknown change");
        }

        File.WriteAllLines(TasksPath, lines);
    }

    // Builds, waits for the file system's clock to move past the build's writes, and plans in full (keeping a stamp).
    private async Task BuildThenPlanAsync()
    {
        var built = await new BuildEngine(Pipeline(), Document(), Options).BuildAsync(TestContext.Current.CancellationToken);
        built.Succeeded.ShouldBeTrue();
        FileClock.WaitForNextTick();
        var (plan, counts) = await PlanAsync();
        plan.UpToDate.ShouldBeTrue();
        counts.Evaluated.ShouldBe(plan.Targets.Count);
        (await PlanAsync()).Counts.FromStamp.ShouldBeTrue();
    }

    private async Task<(PlanReport Plan, BuildEngine.PlanCounts Counts)> PlanAsync(bool stamps = true)
    {
        var engine = new BuildEngine(Pipeline(), Document(), Options with { PlanStamps = stamps });
        var plan = await engine.PlanAsync(TestContext.Current.CancellationToken);
        return (plan, engine.LastPlan.ShouldNotBeNull());
    }

    private Pipeline Pipeline() => new([_task, _run, _report]);

    private ManifestDocument Document() => new(ManifestPath, (JsonObject)JsonNode.Parse(File.ReadAllText(ManifestPath))!, new Dictionary<string, (int, int)>());

    private static List<string> Describe(PlanReport plan) =>
        [
            .. plan.Targets.Select(t => $"{t.TargetId} {t.Stage} {t.Status} {t.Key} work={t.WorkUnit} up={string.Join(",", t.Upstream)} causes={string.Join(" | ", t.Causes.Select(c => $"{c} roots={string.Join(",", c.RootCauses ?? [])}"))}"),
            .. plan.Pending.Select(p => $"pending {p}"),
        ];

    // The tasks file's rows: "id commit [param=P] [unit=U] [reads=FILE] [task=ID]" (its run reads that task's output).
    private static IEnumerable<(string Id, string Commit, Dictionary<string, string> Options)> Rows(PlanContext context)
    {
        var path = Path.Combine(context.Manifest.BaseDirectory, context.Manifest.Root["tasks"]!.GetValue<string>());
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ');
            yield return (parts[0], parts[1], parts.Skip(2).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]));
        }
    }

    // One target per task, with its commit as a fact; writes out.txt and other.txt.
    private sealed class TaskStage : IStage
    {
        public string Name => "Task";

        public int Version => 1;

        public StageRole Role => StageRole.Produce;

        public bool Fails { get; set; }

        public StagePlan Plan(PlanContext context)
        {
            if (Fails)
            {
                throw new InvalidOperationException("the Task stage failed to declare");
            }

            var plan = new StagePlan();
            foreach (var (id, commit, options) in Rows(context))
            {
                plan.Add(new TargetSpec(Name, id)
                {
                    Facts = new Dictionary<string, string> { [FactNames.Commit] = commit },
                    Params = options.TryGetValue("param", out var param) ? new JsonObject { ["param"] = param } : null,
                    WorkUnit = options.GetValueOrDefault("unit") ?? id,
                });
            }

            return plan;
        }

        public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
        {
            await context.WriteOutputAsync("out.txt", $"{context.Target.Id} {context.Target.Facts[FactNames.Commit]}\n", cancellationToken);
            await context.WriteOutputAsync("other.txt", $"{context.Target.Id} other\n", cancellationToken);
        }
    }

    // One target per task, reading its task's out.txt (or the file the row names).
    private sealed class RunStage : IStage
    {
        public string Name => "Run";

        public int Version { get; set; } = 1;

        public StageRole Role => StageRole.Produce;

        public StagePlan Plan(PlanContext context)
        {
            var plan = new StagePlan();
            foreach (var (id, _, options) in Rows(context))
            {
                var task = options.GetValueOrDefault("task") ?? id;
                plan.Add(new TargetSpec(Name, id) { Upstream = [new UpstreamRef($"Task/{task}", options.GetValueOrDefault("reads") ?? "out.txt")] });
            }

            return plan;
        }

        public Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
        {
            var up = context.Target.Upstream[0];
            return context.WriteOutputAsync("run.txt", "ran " + context.Upstream(up.TargetId).ReadAllText(up.Output!), cancellationToken);
        }
    }

    // One target reading every run's output; when it waits for them, declared once all of them are built (a later
    // round), else pending.
    private sealed class ReportStage : IStage
    {
        public bool WaitsForRuns { get; set; }

        public string Name => "Report";

        public int Version => 1;

        public StageRole Role => StageRole.Produce;

        public StagePlan Plan(PlanContext context)
        {
            var runs = Rows(context).Select(r => $"Run/{r.Id}").Order(StringComparer.Ordinal).ToList();
            var plan = new StagePlan();
            if (WaitsForRuns && runs.Any(r => context.OutputsOf(r) is null))
            {
                return plan.Defer(Name, "the report of every run", runs);
            }

            return plan.Add(new TargetSpec(Name, "all") { Upstream = [.. runs.Select(r => new UpstreamRef(r, "run.txt"))] });
        }

        public Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken) =>
            context.WriteOutputAsync(
                "report.txt",
                string.Concat(context.Target.Upstream.Select(u => Digest.OfText(context.Upstream(u.TargetId).ReadAllText("run.txt")) + "\n")),
                cancellationToken);
    }
}
