using System.Text.Json.Nodes;

namespace TrajectoryBuild.Rollouts.Evaluation;

/// <summary>The counts of one scaffold x model in a rollout report.</summary>
internal sealed class Group(string scaffold, string model)
{
    public string Scaffold { get; } = scaffold;

    public string Model { get; } = model;

    public int Produced { get; private set; }

    public SortedDictionary<string, int> Filtered { get; } = new(StringComparer.Ordinal);

    public int Evaluated { get; private set; }

    public int Resolved { get; private set; }

    public int EmptyPatches { get; private set; }

    public long? Tokens { get; private set; }

    public double? Cost { get; private set; }

    /// <summary>A record the importer could not read: produced by the scaffold, filtered before it became a trajectory.</summary>
    public void Quarantine(string reason)
    {
        Produced++;
        Filter(reason);
    }

    private void Filter(string reason) => Filtered[reason] = Filtered.GetValueOrDefault(reason) + 1;

    public void Add(JsonObject row)
    {
        Produced++;
        EmptyPatches += row["empty_patch"]!.GetValue<bool>() ? 1 : 0;
        if (row["total_tokens"]?.GetValue<long>() is { } tokens)
        {
            Tokens = (Tokens ?? 0) + tokens;
        }

        if (row["cost_usd"]?.GetValue<double>() is { } cost)
        {
            Cost = (Cost ?? 0) + cost;
        }

        if (row["status"]!.GetValue<string>() == "filtered")
        {
            Filter(row["reason"]!.GetValue<string>());
            return;
        }

        Evaluated++;
        Resolved += row["resolved"]!.GetValue<bool>() ? 1 : 0;
    }

    public Group Merge(Group other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Produced += other.Produced;
        Evaluated += other.Evaluated;
        Resolved += other.Resolved;
        EmptyPatches += other.EmptyPatches;
        Tokens = other.Tokens is null ? Tokens : (Tokens ?? 0) + other.Tokens;
        Cost = other.Cost is null ? Cost : (Cost ?? 0) + other.Cost;
        foreach (var (reason, count) in other.Filtered)
        {
            Filtered[reason] = Filtered.GetValueOrDefault(reason) + count;
        }

        return this;
    }

    public JsonObject ToJson() => new()
    {
        ["scaffold"] = Scaffold,
        ["model"] = Model,
        ["produced"] = Produced,
        ["filtered"] = new JsonObject([.. Filtered.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]),
        ["evaluated"] = Evaluated,
        ["resolved"] = Resolved,
        ["resolved_rate"] = Evaluated == 0 ? null : Math.Round((double)Resolved / Evaluated, 4),
        ["empty_patches"] = EmptyPatches,
        ["total_tokens"] = Tokens,
        ["cost_usd"] = Cost is { } c ? Math.Round(c, 6) : null,
    };
}
