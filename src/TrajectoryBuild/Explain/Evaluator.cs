using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Stages;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Explain;

/// <summary>
/// Computes each target's status and causes, and walks upstream causes back to their roots: a target that is
/// stale only because an upstream one is names the upstream change that started it. <paramref name="lockedKey"/> gives
/// the key the lock holds for a target (null when it holds none).
/// </summary>
internal sealed class Evaluator(Pipeline pipeline, long epoch, LocalCache cache, Func<string, string?> lockedKey)
{
    /// <summary>An evaluator against <paramref name="lockFile"/>'s keys.</summary>
    public Evaluator(Pipeline pipeline, long epoch, LocalCache cache, LockFile lockFile)
        : this(pipeline, epoch, cache, id => lockFile.Get(id)?.Key)
    {
    }

    // From this many upstream references on, their outputs are looked up in parallel (outputs must be thread-safe).
    private const int ParallelUpstream = 4096;

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _roots = new(StringComparer.Ordinal);

    /// <summary>
    /// The status, key and causes of <paramref name="target"/>, given the outputs of the targets it reads (null for one
    /// not built); <paramref name="outputs"/> is called from several threads for a target that reads many.
    /// </summary>
    public Evaluation Evaluate(TargetSpec target, Func<string, TargetOutputs?> outputs)
    {
        var stage = pipeline[target.Stage];
        var upstream = new IReadOnlyDictionary<string, OutputFile>?[target.Upstream.Count];
        if (upstream.Length >= ParallelUpstream)
        {
            // A dataset's report reads every trajectory: look its upstream outputs up on every core.
            Parallel.For(0, upstream.Length, i => upstream[i] = outputs(target.Upstream[i].TargetId)?.Files);
        }
        else
        {
            for (var i = 0; i < upstream.Length; i++)
            {
                upstream[i] = outputs(target.Upstream[i].TargetId)?.Files;
            }
        }

        // The key is written straight from the target; the preimage only when something reads it (a change to explain, an entry to store).
        var key = Preimage.KeyOf(target, stage.Version, epoch, upstream);
        var preimage = new Lazy<JsonObject>(() => Preimage.Build(target, stage.Version, epoch, upstream));
        var locked = lockedKey(target.Id);
        var entry = key is null ? null : cache.TryGetAction(key);

        TargetStatus status;
        List<Cause> causes;
        if (entry is not null)
        {
            status = locked == key ? TargetStatus.Fresh : TargetStatus.Cached;
            causes = status == TargetStatus.Fresh ? [] : DiffAgainstLock(locked, preimage.Value);
        }
        else if (locked is null)
        {
            status = TargetStatus.Missing;
            causes = [new Cause(CauseKind.New, "target", Now: "never built")];
        }
        else if (locked == key)
        {
            status = TargetStatus.Missing;
            causes = [new Cause(CauseKind.OutputsMissing, "cache", Was: locked[..12], Now: "no entry (fresh clone or pruned cache)")];
        }
        else
        {
            status = TargetStatus.Stale;
            causes = DiffAgainstLock(locked, preimage.Value);
        }

        causes = causes.Select(c => c.Kind == CauseKind.Upstream ? c with { RootCauses = RootsOf(UpstreamTarget(c.Field)) } : c).ToList();
        // Only targets with root causes are kept (a target not found has none, as a FRESH one): a large plan is mostly FRESH.
        if (status != TargetStatus.Fresh && OwnRoots(target.Id, causes) is { Count: > 0 } roots)
        {
            _roots[target.Id] = roots;
        }
        else if (_roots.ContainsKey(target.Id))
        {
            // Evaluated again (restored from the remote cache): its first evaluation's causes are gone.
            _roots.TryRemove(target.Id, out _);
        }

        return new Evaluation(target, preimage, key, status, entry, causes);
    }

    private List<Cause> DiffAgainstLock(string? locked, JsonObject preimage)
    {
        if (locked is null)
        {
            return [new Cause(CauseKind.New, "target", Now: "not in the lock")];
        }

        var previous = cache.TryGetAction(locked)?.Preimage;
        if (previous is not null)
        {
            return PreimageDiff.Diff(previous, preimage);
        }

        // The old preimage is gone from the cache: say so, and still name upstream rebuilds we know of.
        var causes = new List<Cause> { new(CauseKind.Unknown, "key", locked[..12], "(previous preimage not in the cache)") };
        if (preimage["upstream"] is JsonObject upstream)
        {
            causes.AddRange(upstream
                .Where(u => PreimageDiff.Short(u.Value) == Preimage.PendingDigest)
                .Select(u => new Cause(CauseKind.Upstream, $"upstream.{u.Key}", Now: Preimage.PendingDigest)));
        }

        return causes;
    }

    private static string UpstreamTarget(string field)
    {
        var name = field["upstream.".Length..];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : name[..colon];
    }

    private IReadOnlyList<string> RootsOf(string targetId) => _roots.TryGetValue(targetId, out var roots) ? roots : [];

    private static List<string> OwnRoots(string targetId, List<Cause> causes)
    {
        var own = causes.Where(c => c.Kind != CauseKind.Upstream).Select(c => $"{targetId}: {c}");
        var inherited = causes.Where(c => c.Kind == CauseKind.Upstream).SelectMany(c => c.RootCauses ?? []);
        return own.Concat(inherited).Distinct(StringComparer.Ordinal).ToList();
    }
}
