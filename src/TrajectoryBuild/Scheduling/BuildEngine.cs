using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Graph;
using TrajectoryBuild.Json;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Stages;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Scheduling;

/// <summary>
/// Plans and runs a build: stages declare targets, the engine keys them, skips what is fresh, restores what is
/// cached, runs the rest with bounded parallelism, and records keys and outputs in the lock. Targets that depend
/// on outputs not yet built are listed in later rounds, once those outputs exist.
/// </summary>
public sealed partial class BuildEngine
{
    private const int MaxRounds = 1000;
    private const int EvaluationBatch = 1024;

    private readonly Pipeline _pipeline;
    private readonly ManifestDocument _manifest;
    private readonly BuildOptions _options;
    private readonly IBuildObserver _observer;
    private readonly LocalCache _cache;
    private readonly long _epoch;

    /// <summary>Creates an engine for one manifest.</summary>
    public BuildEngine(Pipeline pipeline, ManifestDocument manifest, BuildOptions options, IBuildObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _manifest = options.Datasets is { } datasets ? OnlyDatasets(manifest, datasets) : manifest;
        _options = options;
        _observer = observer ?? NullBuildObserver.Instance;
        _cache = new LocalCache(options.CacheDirectory);
        _epoch = manifest.Root["epoch"]?.GetValue<long>() ?? 0;
        // A parsed JSON tree builds each object's and array's members on first access, which two threads must not do at
        // once; stages read the manifest while they plan in parallel, so every member is built (and decoded) here first.
        JsonStrings.DecodeAll(_manifest.Root);
        if (options.Jobs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Jobs, "jobs must be at least 1");
        }

        if (options.Force && options.Shard is not null)
        {
            throw new ArgumentException("a forced build cannot be sharded: a leg could not tell another leg's new result from the cached one", nameof(options));
        }
    }

    /// <summary>The datasets of <paramref name="manifest"/> that <paramref name="names"/> does not name.</summary>
    public static IReadOnlyList<string> UnknownDatasets(ManifestDocument manifest, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var known = manifest.Root["datasets"] as JsonObject ?? [];
        return [.. names.Where(n => !known.ContainsKey(n)).Distinct(StringComparer.Ordinal)];
    }

    // The manifest with only the named datasets: every stage plans from the datasets, so nothing else is planned.
    private static ManifestDocument OnlyDatasets(ManifestDocument manifest, IReadOnlyList<string> names)
    {
        if (UnknownDatasets(manifest, names) is { Count: > 0 } unknown)
        {
            throw new ArgumentException($"no dataset {string.Join(", ", unknown)} in {manifest.Path}", nameof(names));
        }

        var root = (JsonObject)manifest.Root.DeepClone();
        var datasets = root["datasets"]!.AsObject();
        foreach (var name in datasets.Select(d => d.Key).Where(n => !names.Contains(n, StringComparer.Ordinal)).ToList())
        {
            datasets.Remove(name);
        }

        return manifest with { Root = root };
    }

    /// <summary>The cache this engine reads and writes.</summary>
    public LocalCache Cache => _cache;

    /// <summary>
    /// Lists every target that can be listed without building, with its status and causes. With a remote cache, a
    /// target the local cache lacks is fetched from it first (never uploaded), so a fresh machine plans what the shared
    /// cache cannot supply, not everything.
    /// </summary>
    /// <exception cref="GraphException">The stages declared an invalid graph.</exception>
    public async Task<PlanReport> PlanAsync(CancellationToken cancellationToken)
    {
        var stamp = PlanStamp.For(_pipeline, _manifest, _options);
        var opened = stamp?.Open();
        if (opened is { Current: true })
        {
            if (opened.Read() is { } kept)
            {
                LastPlan = new PlanCounts(0, kept.Plan.Targets.Count, FromStamp: true, GraphFromBase: true);
                return kept.Plan;
            }

            // Its targets are damaged: no base either.
            opened = null;
        }

        using var observation = stamp?.Begin();
        // The base (or else the lock) and the action index are read on another thread while the stages declare: the
        // first round's declarations ask for no output (none is known yet), and nothing else needs them before.
        using var preparation = new Preparation(Task.Run(() => Prepare(opened), cancellationToken), _cache);
        var (report, targets, lockHoldsOthers, fingerprints) = await PlanTargetsAsync(preparation, cancellationToken).ConfigureAwait(false);
        if (observation is not null)
        {
            stamp!.Commit(observation, report, lockHoldsOthers, targets, fingerprints);
        }

        return report;
    }

    /// <summary>How the last <see cref="PlanAsync"/> of this engine went (for tests and benchmarks).</summary>
    internal PlanCounts? LastPlan { get; private set; }

    // With stamps on, a build answers cache lookups from the entries the last plan or build read while their folders
    // are unchanged (the cache tells the index of its own writes as it makes them).
    private IDisposable? UseActionIndex() =>
        _options.PlanStamps && ActionIndex.Open(_options.StateDirectory, _cache.Root) is { } index ? _cache.UseIndex(index) : null;

    // What a plan reads besides the declarations: the base when the kept plan is one (its lock then holds exactly the
    // base's targets), else the lock; and, with stamps on, the action index, as a build's.
    private Prepared Prepare(PlanStamp.Opened? opened)
    {
        var planBase = opened?.Read() is { } reading ? new PlanBase(reading) : null;
        var lockFile = planBase is null ? LockFile.Read(_options.LockPath) : null;
        var index = _options.PlanStamps ? ActionIndex.Open(_options.StateDirectory, _cache.Root) : null;
        return new Prepared(planBase, lockFile, index);
    }

    // Plans every target. With a base (the last all-FRESH plan, whose lock and cache have not moved since), a target
    // declared as it was then and reading only such targets is FRESH with its base key: it is neither keyed nor looked up.
    // Also returns the targets' fingerprints when the last round matched them with the base's graph (else null).
    private async Task<(PlanReport Report, IReadOnlyList<TargetSpec> Targets, bool LockHoldsOthers, UInt128[]? Fingerprints)> PlanTargetsAsync(Preparation preparation, CancellationToken cancellationToken)
    {
        // Set once the first round has declared: until then no output is known, so no target is reused from the base.
        PlanBase? planBase = null;
        LockFile? lockFile = null;
        Func<string, string?> lockedKey = id => planBase is null ? lockFile!.Get(id)?.Key : planBase.LockedKey(id);
        var evaluator = new Evaluator(_pipeline, _epoch, _cache, lockedKey);
        var known = new ConcurrentDictionary<string, TargetOutputs>(StringComparer.Ordinal);

        // Targets reused from the base have their outputs read from the cache only when asked.
        TargetOutputs? Known(string id)
        {
            if (known.TryGetValue(id, out var outputs))
            {
                return outputs;
            }

            if (planBase?.ReusedKey(id) is not { } key || _cache.TryGetAction(key) is not { } entry)
            {
                return null;
            }

            return known.GetOrAdd(id, _cache.OutputsOf(entry));
        }

        // Targets that will re-run are listed downstream from their last outputs, so a plan can show (and explain)
        // the targets that will follow; their keys stay pending until the new outputs exist.
        var previous = new Dictionary<string, TargetOutputs>(StringComparer.Ordinal);
        // Only each target's plan is kept: an evaluation holds its preimage, and a large plan has hundreds of thousands.
        var plans = new Dictionary<string, TargetPlan>(StringComparer.Ordinal);
        TargetOutputs? Outputs(string id) => Known(id) ?? previous.GetValueOrDefault(id);
        var declared = Declare(Outputs);
        (planBase, lockFile) = await preparation.ReadyAsync().ConfigureAwait(false);
        var planned = Arrange(declared, planBase);
        var round = 0;
        var evaluated = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (round > 0)
            {
                planned = Arrange(Declare(Outputs), planBase);
            }

            // Before the first round nothing is planned or reused: every target is to be planned.
            List<TargetSpec> fresh = round == 0
                ? [.. planned.Graph.Order]
                : planned.Graph.Order.Where(t => !plans.ContainsKey(t.Id) && planBase?.ReusedKey(t.Id) is null).ToList();
            if (fresh.Count == 0 || ++round > MaxRounds)
            {
                break;
            }

            if (planBase is not null)
            {
                // Round one of a graph that is the base's lists every target in the base's order.
                fresh = planned.Fingerprints is { } fingerprints && fresh.Count == planned.Graph.Order.Count
                    ? planBase.ReuseMatched(fresh, fingerprints)
                    : planBase.Reuse(fresh);
            }

            evaluated += fresh.Count;

            // Targets of one level read only targets of earlier levels (or rounds): each level is keyed on every core,
            // a batch at a time (a batch's evaluations hold their preimages until recorded), then recorded in order.
            foreach (var level in Levels(fresh).SelectMany(l => l.Chunk(EvaluationBatch)))
            {
                var evaluations = new Evaluation[level.Length];
                var failures = new ExceptionDispatchInfo?[level.Length];
                Parallel.For(0, level.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                {
                    try
                    {
                        evaluations[i] = evaluator.Evaluate(level[i], Known);
                    }
                    catch (Exception e)
                    {
                        failures[i] = ExceptionDispatchInfo.Capture(e);
                    }
                });

                // Fail as a sequential plan would: with the first target's own exception (a stage's declared output
                // missing, a corrupt blob), whichever core met it first.
                Array.Find(failures, f => f is not null)?.Throw();
                foreach (var first in evaluations)
                {
                    var evaluation = first;
                    var target = evaluation.Target;
                    if (evaluation.Entry is null && evaluation.Key is { } key && _options.Remote is { } remote
                        && await remote.TryRestoreAsync(key, _cache, cancellationToken).ConfigureAwait(false))
                    {
                        evaluation = evaluator.Evaluate(target, Known);
                    }

                    plans[target.Id] = evaluation.ToPlan();
                    if (evaluation.Entry is not null)
                    {
                        known[target.Id] = _cache.OutputsOf(evaluation.Entry);
                    }
                    else if (lockedKey(target.Id) is { } locked && _cache.TryGetAction(locked) is { } last)
                    {
                        previous[target.Id] = _cache.OutputsOf(last);
                    }
                }
            }

            if (!planned.MayChange(Outputs))
            {
                break;
            }
        }

        // The entries of reused targets were not read, but the next plan in full will want them: the index keeps them.
        planBase?.ForEachReusedKey(_cache.Vouch);
        var stages = _pipeline.UpTo(_options.LastStage).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        // With a base, the lock holds exactly the base's targets; a graph that is the base's lists every one of them.
        var lockHoldsOthers = planBase is null
            ? lockFile!.Entries.Keys.Any(id => stages.Contains(StageOf(id)) && !plans.ContainsKey(id))
            : planned.Fingerprints is null && planBase.HoldsOthersThan(plans);
        LastPlan = new PlanCounts(evaluated, planBase?.ReusedCount ?? 0, FromStamp: false, GraphFromBase: planned.Fingerprints is not null);
        var order = planned.Graph.Order;
        var report = new TargetPlan[order.Count];
        for (var i = 0; i < report.Length; i++)
        {
            // A graph that is the base's lists the base's targets in its order: a reused one is found by its place.
            report[i] = (planned.Fingerprints is null ? null : planBase!.ReusedPlanAt(i))
                ?? (plans.TryGetValue(order[i].Id, out var plan) ? plan : planBase!.ReusedPlan(order[i].Id)!);
        }

        return (new PlanReport(report, planned.Pending), order, lockHoldsOthers, planned.Fingerprints);
    }

    // Splits targets in topological order into levels: a target's level is one more than the highest level of the
    // targets it reads among them, so no target reads another of its own level.
    private static List<List<TargetSpec>> Levels(List<TargetSpec> ordered)
    {
        var levelOf = new Dictionary<string, int>(ordered.Count, StringComparer.Ordinal);
        var levels = new List<List<TargetSpec>>();
        foreach (var target in ordered)
        {
            var level = 0;
            foreach (var up in target.Upstream)
            {
                if (levelOf.TryGetValue(up.TargetId, out var upLevel) && upLevel >= level)
                {
                    level = upLevel + 1;
                }
            }

            levelOf[target.Id] = level;
            if (level == levels.Count)
            {
                levels.Add([]);
            }

            levels[level].Add(target);
        }

        return levels;
    }

    // A build's round: its graph is never a base's.
    private PlannedRound PlanRound(Func<string, TargetOutputs?> outputs) => Arrange(Declare(outputs), planBase: null);

    // One round of planning: every stage declares its targets from the outputs known so far. Stages plan from the
    // manifest and those outputs alone, so the next round can differ only if an output a stage asked for and did not
    // get (Unresolved) exists by then; when none does, the next round would declare the same targets and is skipped.
    private Declared Declare(Func<string, TargetOutputs?> outputs)
    {
        var unresolved = new HashSet<string>(StringComparer.Ordinal);
        var context = new PlanContext(_manifest, _epoch, id =>
        {
            var found = outputs(id);
            if (found is null)
            {
                lock (unresolved)
                {
                    unresolved.Add(id);
                }
            }

            return found;
        });
        // Stages of one round declare from the same outputs, never from each other's targets: they plan on every core,
        // and the first stage's failure (in pipeline order) is the one reported, as when they planned one by one.
        var stages = _pipeline.UpTo(_options.LastStage).ToList();
        var plans = new StagePlan?[stages.Count];
        var failures = new ExceptionDispatchInfo?[stages.Count];
        Parallel.For(0, stages.Count, i =>
        {
            try
            {
                plans[i] = stages[i].Plan(context);
            }
            catch (Exception e)
            {
                failures[i] = ExceptionDispatchInfo.Capture(e);
            }
        });
        var targets = new List<TargetSpec>();
        var pending = new List<PendingTargets>();
        for (var i = 0; i < stages.Count; i++)
        {
            failures[i]?.Throw();
            var stage = stages[i];
            var plan = plans[i]!;
            foreach (var target in plan.Targets)
            {
                if (target.Stage != stage.Name)
                {
                    throw new GraphException($"stage {stage.Name} declared target {target.Id}, which belongs to stage {target.Stage}");
                }
            }

            targets.AddRange(plan.Targets);
            pending.AddRange(plan.Pending);
        }

        return new Declared(targets, pending, unresolved);
    }

    // The graph of a round's targets. When the stages declared the base's targets with the base's upstream references,
    // the base's graph is theirs.
    private PlannedRound Arrange(Declared declared, PlanBase? planBase)
    {
        if (planBase?.Match(declared.Targets) is var (order, fingerprints))
        {
            return new PlannedRound(TargetGraph.OfValidatedOrder(order), declared.Pending, declared.Unresolved) { Fingerprints = fingerprints };
        }

        return new PlannedRound(TargetGraph.Create(declared.Targets, _pipeline.StageNames), declared.Pending, declared.Unresolved);
    }

    /// <summary>
    /// How a plan went: targets keyed and evaluated, targets reused from the base plan, whether the kept plan answered,
    /// and whether the graph was the base's (neither validated nor ordered again).
    /// </summary>
    internal sealed record PlanCounts(int Evaluated, int Reused, bool FromStamp, bool GraphFromBase = false);

    private sealed record Declared(List<TargetSpec> Targets, List<PendingTargets> Pending, HashSet<string> Unresolved);

    private sealed record Prepared(PlanBase? Base, LockFile? Lock, ActionIndex? Index);

    // What a plan reads besides the declarations, read on another thread; once ready, the cache answers from the index
    // until the plan is done (disposed), and a plan that fails before it is ready leaves no reading behind it.
    private sealed class Preparation(Task<Prepared> reading, LocalCache cache) : IDisposable
    {
        private IDisposable? _indexed;

        public async Task<(PlanBase? Base, LockFile? Lock)> ReadyAsync()
        {
            var prepared = await reading.ConfigureAwait(false);
            _indexed = prepared.Index is { } index ? cache.UseIndex(index) : null;
            return (prepared.Base, prepared.Lock);
        }

        public void Dispose()
        {
            // Not awaited when the stages failed first: their failure is the plan's; the reading is only let finish.
            Task.WaitAny(reading);
            _indexed?.Dispose();
        }
    }

    private sealed record PlannedRound(TargetGraph Graph, IReadOnlyList<PendingTargets> Pending, IReadOnlySet<string> Unresolved)
    {
        /// <summary>When the graph is the base's: each target's fingerprint, in the graph's order.</summary>
        public UInt128[]? Fingerprints { get; init; }

        /// <summary>True when some output the stages asked for and did not get exists now: the next round may differ.</summary>
        public bool MayChange(Func<string, TargetOutputs?> outputs) => Unresolved.Any(id => outputs(id) is not null);
    }
}
