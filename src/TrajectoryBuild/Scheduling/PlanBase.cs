using TrajectoryBuild.Explain;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Scheduling;

/// <summary>
/// The last all-FRESH plan as the base of a plan made after its inputs changed while the lock, the cache and the
/// program did not (<see cref="PlanStamp.Read"/>): then the lock holds exactly the base's targets of the stages planned,
/// each with its base key, and the cache holds an entry for each. A target declared as in the base (the same
/// <see cref="TargetFingerprint"/>) whose upstream targets are all reused is reused: FRESH, with its base key and plan.
/// One base serves one plan: it records what that plan reused.
/// </summary>
internal sealed class PlanBase
{
    private readonly IReadOnlyList<TargetPlan> _targets;
    private readonly UInt128[] _fingerprints;
    private readonly int[][] _upstream;
    private readonly Dictionary<string, int> _index;
    private readonly bool[] _reused;

    public PlanBase(PlanStamp.Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.LockHoldsOthers)
        {
            throw new ArgumentException("a plan whose lock held entries of targets it did not list is no base: their keys are not in it", nameof(reading));
        }

        _targets = reading.Plan.Targets;
        _fingerprints = reading.Fingerprints;
        _upstream = reading.Upstream;
        _reused = new bool[_targets.Count];
        _index = new Dictionary<string, int>(_targets.Count, StringComparer.Ordinal);
        for (var i = 0; i < _targets.Count; i++)
        {
            _index.Add(_targets[i].TargetId, i);
        }
    }

    /// <summary>The number of targets reused so far.</summary>
    public int ReusedCount { get; private set; }

    /// <summary>The key the lock holds for <paramref name="targetId"/>: its base key, or null when the base has no such target.</summary>
    public string? LockedKey(string targetId) => _index.TryGetValue(targetId, out var i) ? _targets[i].Key : null;

    /// <summary>The key of <paramref name="targetId"/> when it was reused; else null.</summary>
    public string? ReusedKey(string targetId) => _index.TryGetValue(targetId, out var i) && _reused[i] ? _targets[i].Key : null;

    /// <summary>The plan of <paramref name="targetId"/> when it was reused (FRESH, its base key); else null.</summary>
    public TargetPlan? ReusedPlan(string targetId) => _index.TryGetValue(targetId, out var i) && _reused[i] ? _targets[i] : null;

    /// <summary>The plan of the base's target at <paramref name="index"/> (in its order) when it was reused; else null.</summary>
    public TargetPlan? ReusedPlanAt(int index) => _reused[index] ? _targets[index] : null;

    /// <summary>Calls <paramref name="action"/> with the key of every target reused, on every core.</summary>
    public void ForEachReusedKey(Action<string> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Parallel.For(0, _targets.Count, i =>
        {
            if (_reused[i])
            {
                action(_targets[i].Key!);
            }
        });
    }

    /// <summary>True when some target of the base is neither reused nor among <paramref name="planned"/>.</summary>
    public bool HoldsOthersThan(IReadOnlyDictionary<string, TargetPlan> planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return _targets.Where((t, i) => !_reused[i] && !planned.ContainsKey(t.TargetId)).Any();
    }

    /// <summary>
    /// When <paramref name="declared"/> are the base's targets (each id once, with the same stage and upstream references
    /// in the same order), their graph is the base's: returns them in the base's order, which is the order
    /// <see cref="Graph.TargetGraph.Create"/> would give them, with their fingerprints in that order. Else null.
    /// </summary>
    public (TargetSpec[] Order, UInt128[] Fingerprints)? Match(IReadOnlyList<TargetSpec> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        if (declared.Count != _targets.Count)
        {
            return null;
        }

        var order = new TargetSpec[_targets.Count];
        var fingerprints = new UInt128[_targets.Count];
        var matches = true;
        Parallel.For(0, declared.Count, (d, loop) =>
        {
            var target = declared[d];
            if (!_index.TryGetValue(target.Id, out var i) || Interlocked.CompareExchange(ref order[i], target, null) is not null
                || !SameShape(target, _targets[i]))
            {
                Volatile.Write(ref matches, false);
                loop.Stop();
                return;
            }

            fingerprints[i] = TargetFingerprint.Of(target);
        });
        return matches ? (order, fingerprints) : null;
    }

    /// <summary>
    /// Reuses what it can of <paramref name="order"/>, all the base's targets in its order as <see cref="Match"/> gave
    /// them with <paramref name="fingerprints"/>; returns the others, in order.
    /// </summary>
    public List<TargetSpec> ReuseMatched(IReadOnlyList<TargetSpec> order, UInt128[] fingerprints)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(fingerprints);
        var others = new List<TargetSpec>();
        for (var i = 0; i < order.Count; i++)
        {
            if (fingerprints[i] == _fingerprints[i] && Array.TrueForAll(_upstream[i], u => _reused[u]))
            {
                _reused[i] = true;
                ReusedCount++;
            }
            else
            {
                others.Add(order[i]);
            }
        }

        return others;
    }

    /// <summary>Reuses what it can of <paramref name="targets"/> (in topological order); returns the others, in order.</summary>
    public List<TargetSpec> Reuse(IReadOnlyList<TargetSpec> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var fingerprints = new UInt128[targets.Count];
        Parallel.For(0, targets.Count, i => fingerprints[i] = TargetFingerprint.Of(targets[i]));
        var others = new List<TargetSpec>();
        for (var t = 0; t < targets.Count; t++)
        {
            var target = targets[t];
            if (_index.TryGetValue(target.Id, out var i) && !_reused[i] && fingerprints[t] == _fingerprints[i]
                && target.Upstream.All(u => ReusedKey(u.TargetId) is not null))
            {
                _reused[i] = true;
                ReusedCount++;
            }
            else
            {
                others.Add(target);
            }
        }

        return others;
    }

    private static bool SameShape(TargetSpec target, TargetPlan kept)
    {
        if (target.Stage != kept.Stage || target.Upstream.Count != kept.Upstream.Count)
        {
            return false;
        }

        for (var u = 0; u < target.Upstream.Count; u++)
        {
            if (target.Upstream[u] != kept.Upstream[u])
            {
                return false;
            }
        }

        return true;
    }
}
