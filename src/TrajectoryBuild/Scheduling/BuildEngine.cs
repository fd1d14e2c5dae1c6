using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Graph;
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
        if (stamp?.TryUse() is { } kept)
        {
            return kept.Plan;
        }

        using var observation = stamp?.Begin();
        using var indexed = UseActionIndex();
        var (report, lockHoldsOthers) = await PlanInFullAsync(cancellationToken).ConfigureAwait(false);
        if (observation is not null)
        {
            stamp!.Commit(observation, report, lockHoldsOthers);
        }

        return report;
    }

    // With stamps on, a plan or a build answers cache lookups from the entries the last one read while their folders are
    // unchanged (the cache tells the index of its own writes as it makes them).
    private IDisposable? UseActionIndex() =>
        _options.PlanStamps && ActionIndex.Open(_options.StateDirectory, _cache.Root) is { } index ? _cache.UseIndex(index) : null;

    private async Task<(PlanReport Report, bool LockHoldsOthers)> PlanInFullAsync(CancellationToken cancellationToken)
    {
        var lockFile = LockFile.Read(_options.LockPath);
        var evaluator = new Evaluator(_pipeline, _epoch, _cache, lockFile);
        var known = new ConcurrentDictionary<string, TargetOutputs>(StringComparer.Ordinal);

        // Targets that will re-run are listed downstream from their last outputs, so a plan can show (and explain)
        // the targets that will follow; their keys stay pending until the new outputs exist.
        var previous = new Dictionary<string, TargetOutputs>(StringComparer.Ordinal);
        // Only each target's plan is kept: an evaluation holds its preimage, and a large plan has hundreds of thousands.
        var plans = new Dictionary<string, TargetPlan>(StringComparer.Ordinal);
        TargetOutputs? Outputs(string id) => known.GetValueOrDefault(id) ?? previous.GetValueOrDefault(id);
        PlannedRound planned;
        var round = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            planned = PlanRound(Outputs);
            var fresh = planned.Graph.Order.Where(t => !plans.ContainsKey(t.Id)).ToList();
            if (fresh.Count == 0 || ++round > MaxRounds)
            {
                break;
            }

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
                        evaluations[i] = evaluator.Evaluate(level[i], id => known.GetValueOrDefault(id));
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
                        evaluation = evaluator.Evaluate(target, id => known.GetValueOrDefault(id));
                    }

                    plans[target.Id] = evaluation.ToPlan();
                    if (evaluation.Entry is not null)
                    {
                        known[target.Id] = _cache.OutputsOf(evaluation.Entry);
                    }
                    else if (lockFile.Get(target.Id) is { } locked && _cache.TryGetAction(locked.Key) is { } last)
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

        var stages = _pipeline.UpTo(_options.LastStage).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var lockHoldsOthers = lockFile.Entries.Keys.Any(id => stages.Contains(StageOf(id)) && !plans.ContainsKey(id));
        return (new PlanReport([.. planned.Graph.Order.Select(t => plans[t.Id])], planned.Pending), lockHoldsOthers);
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

    // One round of planning: every stage declares its targets from the outputs known so far. Stages plan from the
    // manifest and those outputs alone, so the next round can differ only if an output a stage asked for and did not
    // get (Unresolved) exists by then; when none does, the next round would declare the same targets and is skipped.
    private PlannedRound PlanRound(Func<string, TargetOutputs?> outputs)
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
        var targets = new List<TargetSpec>();
        var pending = new List<PendingTargets>();
        foreach (var stage in _pipeline.UpTo(_options.LastStage))
        {
            var plan = stage.Plan(context);
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

        return new PlannedRound(TargetGraph.Create(targets, _pipeline.StageNames), pending, unresolved);
    }

    private sealed record PlannedRound(TargetGraph Graph, IReadOnlyList<PendingTargets> Pending, IReadOnlySet<string> Unresolved)
    {
        /// <summary>True when some output the stages asked for and did not get exists now: the next round may differ.</summary>
        public bool MayChange(Func<string, TargetOutputs?> outputs) => Unresolved.Any(id => outputs(id) is not null);
    }
}
