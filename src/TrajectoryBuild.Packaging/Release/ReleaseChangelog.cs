using System.Text.Json.Nodes;
using TrajectoryBuild.Packaging.Output;

namespace TrajectoryBuild.Packaging.Release;

/// <summary>One task or trajectory that a release added, removed or changed, and why.</summary>
/// <param name="Id">The task or trajectory id.</param>
/// <param name="Causes">Cause codes (see <see cref="ReleaseChangelog"/>), in a fixed order.</param>
/// <param name="Detail">Extra words for people, e.g. the old and new commit; or null.</param>
public sealed record Change(string Id, IReadOnlyList<string> Causes, string? Detail = null);

/// <summary>What changed in one kind of item (tasks or trajectories).</summary>
/// <param name="Added">Items that are new in this release.</param>
/// <param name="Removed">Items the previous release had and this one has not.</param>
/// <param name="Changed">Items in both whose inputs or labels differ.</param>
public sealed record ChangeSet(IReadOnlyList<Change> Added, IReadOnlyList<Change> Removed, IReadOnlyList<Change> Changed)
{
    /// <summary>True when nothing was added, removed or changed.</summary>
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}

/// <summary>
/// A release against the one before it, computed from the two packages' ledgers (<c>records.jsonl</c>). Tasks are
/// the tasks with an evaluated trajectory; trajectories are the ones in the corpora (accepted by stage 5). A change
/// names its root causes: <c>commit</c>, <c>image</c>, <c>verifier</c> (of its task), <c>trajectory</c> (a new
/// rollout or import) and <c>labels</c> (its human labels); only when none applies, the derived record that moved:
/// <c>evaluation</c>, <c>verdict</c> (gate or threshold), <c>reward</c> (reward rules), <c>failure_tag</c>
/// (taxonomy). Added items are <c>new</c> or <c>accepted</c> (rejected before); removed ones <c>gone</c> or
/// <c>rejected</c> (still built, now rejected by stage 5).
/// </summary>
/// <param name="Against">The previous version, or null for a first release.</param>
/// <param name="Tasks">Tasks in this release.</param>
/// <param name="Trajectories">Trajectories in this release's corpora.</param>
/// <param name="TaskChanges">Task changes (empty for a first release).</param>
/// <param name="TrajectoryChanges">Trajectory changes (empty for a first release).</param>
public sealed record ReleaseChangelog(string? Against, int Tasks, int Trajectories, ChangeSet TaskChanges, ChangeSet TrajectoryChanges)
{
    private static readonly string[] s_taskCauses = ["commit", "image", "verifier"];

    private static readonly ChangeSet s_none = new([], [], []);

    /// <summary>Compares <paramref name="current"/> with <paramref name="previous"/> (null for a first release).</summary>
    /// <param name="previous">The previous release's version and ledger, or null.</param>
    /// <param name="current">This release's ledger.</param>
    /// <returns>The changelog.</returns>
    public static ReleaseChangelog Compare((string Version, IReadOnlyList<LedgerEntry> Ledger)? previous, IReadOnlyList<LedgerEntry> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var tasks = TasksOf(current);
        var accepted = Accepted(current);
        if (previous is not { } before)
        {
            return new ReleaseChangelog(null, tasks.Count, accepted.Count, s_none, s_none);
        }

        var oldTasks = TasksOf(before.Ledger);
        var oldAccepted = Accepted(before.Ledger);
        var built = current.Select(e => e.TrajectoryId).ToHashSet(StringComparer.Ordinal);
        var builtBefore = before.Ledger.Select(e => e.TrajectoryId).ToHashSet(StringComparer.Ordinal);
        var taskChanges = new ChangeSet(
            [.. tasks.Keys.Where(t => !oldTasks.ContainsKey(t)).Select(t => new Change(t, ["new"]))],
            [.. oldTasks.Keys.Where(t => !tasks.ContainsKey(t)).Select(t => new Change(t, ["gone"]))],
            [.. tasks.Where(t => oldTasks.ContainsKey(t.Key)).Select(t => TaskChange(t.Key, oldTasks[t.Key], t.Value)).OfType<Change>()]);
        var trajectoryChanges = new ChangeSet(
            [.. accepted.Keys.Where(t => !oldAccepted.ContainsKey(t))
                .Select(t => new Change(t, [builtBefore.Contains(t) ? "accepted" : "new"]))],
            [.. oldAccepted.Keys.Where(t => !accepted.ContainsKey(t)).Select(t => new Change(t, [built.Contains(t) ? "rejected" : "gone"]))],
            [.. accepted.Where(t => oldAccepted.ContainsKey(t.Key)).Select(t => TrajectoryChange(oldAccepted[t.Key], t.Value)).OfType<Change>()]);
        return new ReleaseChangelog(before.Version, tasks.Count, accepted.Count, taskChanges, trajectoryChanges);
    }

    /// <summary>The changelog as stored in a release file.</summary>
    /// <returns>A new object.</returns>
    public JsonObject ToJson() => new()
    {
        ["against"] = Against,
        ["tasks"] = Tasks,
        ["trajectories"] = Trajectories,
        ["task_changes"] = SetJson(TaskChanges),
        ["trajectory_changes"] = SetJson(TrajectoryChanges),
    };

    /// <summary>Reads a changelog stored by <see cref="ToJson"/>.</summary>
    /// <param name="json">The stored object.</param>
    /// <returns>The changelog.</returns>
    public static ReleaseChangelog FromJson(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new ReleaseChangelog(
            json["against"]?.GetValue<string>(),
            json["tasks"]!.GetValue<int>(),
            json["trajectories"]!.GetValue<int>(),
            SetOf(json["task_changes"]!),
            SetOf(json["trajectory_changes"]!));
    }

    private static SortedDictionary<string, LedgerEntry> TasksOf(IEnumerable<LedgerEntry> ledger)
    {
        var tasks = new SortedDictionary<string, LedgerEntry>(StringComparer.Ordinal);
        foreach (var entry in ledger)
        {
            tasks.TryAdd(entry.Provenance.TaskId, entry);
        }

        return tasks;
    }

    private static SortedDictionary<string, LedgerEntry> Accepted(IEnumerable<LedgerEntry> ledger) =>
        new(ledger.Where(e => e.Accepted).ToDictionary(e => e.TrajectoryId, StringComparer.Ordinal), StringComparer.Ordinal);

    private static Change? TaskChange(string id, LedgerEntry before, LedgerEntry after)
    {
        var causes = TaskCauses(before, after);
        return causes.Count == 0 ? null : new Change(id, causes, CommitDetail(before, after));
    }

    private static List<string> TaskCauses(LedgerEntry before, LedgerEntry after)
    {
        var values = new[]
        {
            (before.Provenance.Commit, after.Provenance.Commit),
            (before.Provenance.ImageDigest, after.Provenance.ImageDigest),
            (before.Provenance.VerifierDigest, after.Provenance.VerifierDigest),
        };
        return [.. s_taskCauses.Where((_, i) => !string.Equals(values[i].Item1, values[i].Item2, StringComparison.Ordinal))];
    }

    private static Change? TrajectoryChange(LedgerEntry before, LedgerEntry after)
    {
        var causes = TaskCauses(before, after);
        AddIf(causes, "trajectory", before.Provenance.TrajectoryDigest, after.Provenance.TrajectoryDigest);
        AddIf(causes, "labels", before.LabelsDigest, after.LabelsDigest);
        if (causes.Count == 0)
        {
            AddIf(causes, "evaluation", before.EvaluationDigest, after.EvaluationDigest);
            AddIf(causes, "verdict", before.VerdictDigest, after.VerdictDigest);
            AddIf(causes, "reward", before.RewardDigest, after.RewardDigest);
            AddIf(causes, "failure_tag", before.TagDigest, after.TagDigest);
        }

        return causes.Count == 0 ? null : new Change(after.TrajectoryId, causes, CommitDetail(before, after));
    }

    private static void AddIf(List<string> causes, string cause, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            causes.Add(cause);
        }
    }

    private static string? CommitDetail(LedgerEntry before, LedgerEntry after) =>
        before.Provenance.Commit == after.Provenance.Commit ? null : $"{Short(before.Provenance.Commit)} -> {Short(after.Provenance.Commit)}";

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static JsonObject SetJson(ChangeSet set) => new()
    {
        ["added"] = ListJson(set.Added),
        ["removed"] = ListJson(set.Removed),
        ["changed"] = ListJson(set.Changed),
    };

    private static JsonArray ListJson(IReadOnlyList<Change> changes) => new([.. changes.Select(c => (JsonNode)new JsonObject
    {
        ["id"] = c.Id,
        ["causes"] = new JsonArray([.. c.Causes.Select(x => (JsonNode)x)]),
        ["detail"] = c.Detail,
    })]);

    private static ChangeSet SetOf(JsonNode json) => new(ListOf(json["added"]!), ListOf(json["removed"]!), ListOf(json["changed"]!));

    private static List<Change> ListOf(JsonNode json) =>
        [.. json.AsArray().Select(c => new Change(c!["id"]!.GetValue<string>(), [.. c["causes"]!.AsArray().Select(x => x!.GetValue<string>())], c["detail"]?.GetValue<string>()))];
}
