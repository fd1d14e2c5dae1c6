using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Stages;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Scheduling;

public sealed partial class BuildEngine
{
    private const string StoppedReason = "not started: an earlier target failed (--keep-going builds what does not depend on it)";

    private static readonly TimeSpan s_firstPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_lastPoll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_waitReport = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Builds every target of the stages up to <see cref="BuildOptions.LastStage"/>. Cancelling stops it cleanly:
    /// finished targets stay cached and are written to the lock, and a rerun resumes from there.
    /// </summary>
    public async Task<BuildReport> BuildAsync(CancellationToken cancellationToken)
    {
        // Nothing changed since a plan found every target FRESH: every target is up to date, as a full pass would find.
        var stamp = !_options.Force && _options.Shard is null ? PlanStamp.For(_pipeline, _manifest, _options) : null;
        if (stamp?.TryUse() is { } kept)
        {
            return await UpToDateAsync(kept).ConfigureAwait(false);
        }

        // A build that finds every target up to date has made the plan's pass: it keeps the stamp a plan would keep.
        using var observation = stamp?.Begin();
        using var indexed = UseActionIndex();
        var (report, final) = await BuildInFullAsync(cancellationToken).ConfigureAwait(false);
        var results = report.Results.ToDictionary(r => r.TargetId, StringComparer.Ordinal);
        if (observation is not null && report.Succeeded && results.Count == final.Count
            && report.Results.All(r => r.Outcome == TargetOutcome.UpToDate && r.Status == TargetStatus.Fresh))
        {
            // Recording dropped the lock's entries of targets no longer declared, unless only some datasets were built.
            stamp!.Commit(
                observation,
                new PlanReport([.. final.Select(t => new TargetPlan(t.Id, t.Stage, TargetStatus.Fresh, results[t.Id].Key, []) { Upstream = t.Upstream, WorkUnit = t.WorkUnit })], []),
                lockHoldsOthers: _options.Datasets is not null,
                final);
        }

        return report;
    }

    private async Task<(BuildReport Report, IReadOnlyList<TargetSpec> Final)> BuildInFullAsync(CancellationToken cancellationToken)
    {
        var lockFile = LockFile.Read(_options.LockPath);
        var run = new RunState(new Evaluator(_pipeline, _epoch, _cache, lockFile), lockFile, _options.Jobs);
        IReadOnlyList<PendingTargets> pending = [];
        var finalIds = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<TargetSpec> final = [];
        var order = new List<string>();
        for (var round = 1; round <= MaxRounds && !run.Stop && !cancellationToken.IsCancellationRequested; round++)
        {
            var planned = PlanRound(id => run.Known.GetValueOrDefault(id));
            pending = planned.Pending;
            final = planned.Graph.Order;
            finalIds = final.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            var fresh = planned.Graph.Order.Where(t => !run.Results.ContainsKey(t.Id)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            _observer.RoundPlanned(round, fresh.Count);
            var tasks = new Dictionary<string, Task<TargetResult>>(StringComparer.Ordinal);
            foreach (var target in fresh)
            {
                tasks[target.Id] = RunTargetAsync(target, tasks, run, cancellationToken);
                order.Add(target.Id);
            }

            await Task.WhenAll(tasks.Values).ConfigureAwait(false);
            if (!planned.MayChange(id => run.Known.GetValueOrDefault(id)))
            {
                break;
            }
        }

        var interrupted = cancellationToken.IsCancellationRequested;
        var results = order.Select(id => run.Results[id]).ToList();
        var report = new BuildReport(results, interrupted || run.Stop ? [] : pending, interrupted);
        await RecordAsync(run.Entries, report, finalIds).ConfigureAwait(false);
        return (report, final);
    }

    private async Task<BuildReport> UpToDateAsync(PlanStamp.Kept kept)
    {
        _observer.RoundPlanned(1, kept.Plan.Targets.Count);
        var results = new List<TargetResult>(kept.Plan.Targets.Count);
        foreach (var target in kept.Plan.Targets)
        {
            var result = new TargetResult(target.TargetId, target.Stage, TargetOutcome.UpToDate, TargetStatus.Fresh, target.Key, [], TimeSpan.Zero);
            _observer.TargetFinished(result, null);
            results.Add(result);
        }

        // The lock holds every target's key and outputs already (each is FRESH): recording it can only drop entries of
        // targets no longer declared, which a whole build does when the stamp says the lock has some.
        var report = new BuildReport(results, [], Interrupted: false);
        await RecordAsync(new Dictionary<string, ActionEntry>(), report, results.Select(r => r.TargetId).ToHashSet(StringComparer.Ordinal), updateLock: kept.LockHoldsOthers && _options.Datasets is null).ConfigureAwait(false);
        return report;
    }

    private async Task<TargetResult> RunTargetAsync(TargetSpec target, Dictionary<string, Task<TargetResult>> tasks, RunState run, CancellationToken cancellationToken)
    {
        // Every upstream task was created before this one (topological order), so the lookup cannot miss.
        await Task.Yield();
        foreach (var up in target.Upstream.Select(u => u.TargetId).Distinct(StringComparer.Ordinal))
        {
            var upstream = tasks.TryGetValue(up, out var task) ? await task.ConfigureAwait(false) : run.Results[up];
            if (upstream.Outcome is TargetOutcome.Failed or TargetOutcome.Skipped or TargetOutcome.Cancelled)
            {
                return Finish(run, Skipped(target, $"upstream {up} {upstream.Outcome.ToString().ToLowerInvariant()}", upstream.Outcome == TargetOutcome.Cancelled), null);
            }
        }

        Evaluation evaluation;
        try
        {
            evaluation = run.Evaluator.Evaluate(target, id => run.Known.GetValueOrDefault(id));
        }
        catch (Exception e) when (e is InvalidOperationException or CacheCorruptionException)
        {
            return Finish(run, new TargetResult(target.Id, target.Stage, TargetOutcome.Failed, null, null, [], TimeSpan.Zero, e.Message), null);
        }

        if (evaluation.Entry is { } cached && !_options.Force)
        {
            return Restore(run, evaluation, cached, evaluation.Status == TargetStatus.Fresh ? TargetOutcome.UpToDate : TargetOutcome.Restored);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Finish(run, Skipped(target, "interrupted", cancelled: true), null);
        }

        if (_options.Shard is { } shard && !shard.Owns(target))
        {
            return await AwaitOwnerAsync(run, evaluation, shard, cancellationToken).ConfigureAwait(false);
        }

        await run.Slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (run.Stop || cancellationToken.IsCancellationRequested)
            {
                return Finish(run, Skipped(target, run.Stop ? StoppedReason : "interrupted", cancellationToken.IsCancellationRequested), null);
            }

            // Another build sharing this cache may be running the same target: wait for it, then reuse its result.
            await using var guard = await CrossProcessLock.AcquireAsync(Path.Combine(_options.StateDirectory, "locks", evaluation.Key!), cancellationToken).ConfigureAwait(false);
            if (!_options.Force && _cache.TryGetAction(evaluation.Key!) is { } built)
            {
                return Restore(run, evaluation, built, TargetOutcome.Restored);
            }

            if (!_options.Force && _options.Remote is { } remote && await remote.TryRestoreAsync(evaluation.Key!, _cache, cancellationToken).ConfigureAwait(false)
                && _cache.TryGetAction(evaluation.Key!) is { } fetched)
            {
                return Restore(run, evaluation, fetched, TargetOutcome.Restored);
            }

            return await ExecuteAsync(run, evaluation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish(run, Skipped(target, "interrupted", cancelled: true), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The state folder could not be written (a full disk, no permission) before the stage ran: that target
            // fails, like one whose stage failed; the build goes on to record what finished.
            return FailTarget(run, evaluation, TimeSpan.Zero, e.Message);
        }
        finally
        {
            run.Slots.Release();
        }
    }

    // Another leg of a sharded build owns the target: take it from the cache once that leg has put it there. The wait
    // holds no job slot, so this leg goes on with its own targets meanwhile.
    private async Task<TargetResult> AwaitOwnerAsync(RunState run, Evaluation evaluation, ShardSpec shard, CancellationToken cancellationToken)
    {
        var target = evaluation.Target;
        var key = evaluation.Key!;
        var owner = $"shard {shard.OwnerOf(target)}/{shard.Count}";
        var clock = Stopwatch.StartNew();
        var delay = s_firstPoll;
        var nextReport = TimeSpan.Zero;
        try
        {
            while (true)
            {
                // A failure here stops the leg at once, so CI's fail-fast can cancel the other legs: no waiting on.
                if (run.Stop)
                {
                    return Finish(run, Skipped(target, StoppedReason, cancelled: false), null);
                }

                if (_cache.TryGetAction(key) is { } local)
                {
                    return Restore(run, evaluation, local, TargetOutcome.Restored);
                }

                if (_options.Remote is { } remote)
                {
                    if (await remote.PollAsync(key, _cache, cancellationToken).ConfigureAwait(false) && _cache.TryGetAction(key) is { } fetched)
                    {
                        return Restore(run, evaluation, fetched, TargetOutcome.Restored);
                    }

                    if (remote.Disabled)
                    {
                        return FailTarget(run, evaluation, clock.Elapsed, $"{owner} builds it, and the shared cache it would come from stopped answering");
                    }
                }

                if (clock.Elapsed >= _options.ShardTimeout)
                {
                    return FailTarget(run, evaluation, clock.Elapsed,
                        $"{owner} did not build it within {Describe(_options.ShardTimeout)}: check that leg's log; legs share work through "
                        + "--cache-url, or through one --state-dir on one machine (--shard-timeout waits longer)");
                }

                if (clock.Elapsed >= nextReport)
                {
                    _observer.TargetProgress(target.Id, nextReport == TimeSpan.Zero
                        ? $"waiting for {owner} to build it"
                        : $"still waiting for {owner} ({Describe(clock.Elapsed)})");
                    nextReport = clock.Elapsed + s_waitReport;
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 3 / 2, s_lastPoll.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish(run, Skipped(target, "interrupted", cancelled: true), null);
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 && span.Seconds == 0 ? $"{(int)span.TotalHours} h"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min"
        : $"{(int)span.TotalSeconds} s";

    private TargetResult FailTarget(RunState run, Evaluation evaluation, TimeSpan waited, string reason)
    {
        if (!_options.KeepGoing)
        {
            run.Stop = true;
        }

        var target = evaluation.Target;
        return Finish(run, new TargetResult(target.Id, target.Stage, TargetOutcome.Failed, evaluation.Status, evaluation.Key, evaluation.Causes, waited, reason), null);
    }

    private async Task<TargetResult> ExecuteAsync(RunState run, Evaluation evaluation, CancellationToken cancellationToken)
    {
        var target = evaluation.Target;
        var key = evaluation.Key!;
        _observer.TargetStarted(target.Id);
        var clock = Stopwatch.StartNew();
        var temp = Path.Combine(_options.StateDirectory, "tmp", $"{key[..16]}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var outputDir = Path.Combine(temp, "out");
        Directory.CreateDirectory(outputDir);
        using var log = new StringWriter { NewLine = "\n" };
        try
        {
            var context = new TargetContext(target, _manifest, outputDir, _options.StateDirectory, log, id => run.Known[id], message => _observer.TargetProgress(target.Id, message));
            await _pipeline[target.Stage].ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
            var outputs = await StoreOutputsAsync(outputDir, cancellationToken).ConfigureAwait(false);
            var logDigest = _cache.PutBytes(Encoding.UTF8.GetBytes(log.ToString()));
            var entry = new ActionEntry(key, target.Id, outputs, logDigest, evaluation.Preimage);
            _cache.PutAction(entry);
            if (_options.Remote is { } remote)
            {
                try
                {
                    await remote.UploadAsync(entry, _cache, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Built and cached here; only the upload is cut short.
                }
            }

            run.Known[target.Id] = _cache.OutputsOf(entry);
            run.Entries[target.Id] = entry;
            var previous = run.Lock.Get(target.Id)?.Outputs;
            var unchanged = previous is not null && previous.Count == outputs.Count
                && outputs.All(o => previous.TryGetValue(o.Key, out var d) && d == o.Value.Digest);
            var outcome = unchanged ? TargetOutcome.BuiltUnchanged : TargetOutcome.Built;
            return Finish(run, new TargetResult(target.Id, target.Stage, outcome, evaluation.Status, key, evaluation.Causes, clock.Elapsed), log.ToString());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish(run, new TargetResult(target.Id, target.Stage, TargetOutcome.Cancelled, evaluation.Status, key, evaluation.Causes, clock.Elapsed, "interrupted"), log.ToString());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!_options.KeepGoing)
            {
                run.Stop = true;
            }

            return Finish(run, new TargetResult(target.Id, target.Stage, TargetOutcome.Failed, evaluation.Status, key, evaluation.Causes, clock.Elapsed, e.Message), log.ToString());
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private async Task<SortedDictionary<string, OutputFile>> StoreOutputsAsync(string outputDir, CancellationToken cancellationToken)
    {
        var outputs = new SortedDictionary<string, OutputFile>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(outputDir, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null)
            {
                throw new InvalidOperationException($"output {Path.GetRelativePath(outputDir, file)} is a symbolic link; stages must write regular files");
            }

            var name = Path.GetRelativePath(outputDir, file).Replace('\\', '/');
            outputs[name] = await _cache.PutFileAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return outputs;
    }

    private TargetResult Restore(RunState run, Evaluation evaluation, ActionEntry entry, TargetOutcome outcome)
    {
        run.Known[evaluation.Target.Id] = _cache.OutputsOf(entry);
        run.Entries[evaluation.Target.Id] = entry;
        string? log = null;
        try
        {
            log = _cache.ReadBlobText(entry.LogDigest);
        }
        catch (CacheCorruptionException e)
        {
            log = $"(log unavailable: {e.Message})";
        }

        var result = new TargetResult(evaluation.Target.Id, evaluation.Target.Stage, outcome, evaluation.Status, evaluation.Key, evaluation.Causes, TimeSpan.Zero);
        return Finish(run, result, log);
    }

    private static TargetResult Skipped(TargetSpec target, string reason, bool cancelled) =>
        new(target.Id, target.Stage, cancelled ? TargetOutcome.Cancelled : TargetOutcome.Skipped, null, null, [], TimeSpan.Zero, reason);

    private TargetResult Finish(RunState run, TargetResult result, string? log)
    {
        run.Results[result.TargetId] = result;
        _observer.TargetFinished(result, log);
        return result;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is never read (only renamed files are); a later cache gc removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class RunState(Evaluator evaluator, LockFile lockFile, int jobs)
    {
        public Evaluator Evaluator { get; } = evaluator;

        public LockFile Lock { get; } = lockFile;

        public SemaphoreSlim Slots { get; } = new(jobs, jobs);

        public ConcurrentDictionary<string, TargetOutputs> Known { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, ActionEntry> Entries { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, TargetResult> Results { get; } = new(StringComparer.Ordinal);

        public volatile bool Stop;
    }
}
