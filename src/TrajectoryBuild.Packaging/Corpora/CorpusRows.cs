using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>The rows of one corpus: records ordered by trajectory id (ordinal), each format's builder applied.</summary>
public static class CorpusRows
{
    /// <summary>The rows of <paramref name="format"/> for <paramref name="records"/>, in a deterministic order.</summary>
    public static IReadOnlyList<JsonObject> Build(CorpusFormat format, IEnumerable<PackageRecord> records, CorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(records);
        return [.. Enumerate(format, records.OrderBy(r => r.TrajectoryId, StringComparer.Ordinal), options)];
    }

    /// <summary>
    /// The rows of <see cref="Build"/>, in the same order, made as they are enumerated from <paramref name="ordered"/>,
    /// which must already be in trajectory id order (ordinal): each record is taken, turned into its row and let go, so
    /// a lazy sequence (trajectories read one at a time) is never held whole. Preference pairs (<see cref="CorpusFormat.Dpo"/>)
    /// are drawn per task, so that format takes every record first.
    /// </summary>
    /// <exception cref="ArgumentException">A record's id is not after the one before it (when that record is reached).</exception>
    public static IEnumerable<JsonObject> Enumerate(CorpusFormat format, IEnumerable<PackageRecord> ordered, CorpusOptions options) =>
        Enumerate(format, ordered, record => record, options, parallelism: 1);

    /// <summary>
    /// The rows of <see cref="Enumerate(CorpusFormat, IEnumerable{PackageRecord}, CorpusOptions)"/> for items that
    /// <paramref name="read"/> turns into their records (reading a trajectory from the cache, say): each item is read
    /// and its row made on up to <paramref name="parallelism"/> threads at once, a few items ahead of the one asked
    /// for, and the rows come back in the items' order. <paramref name="read"/> and the row builders must not share
    /// state between items. A failure is rethrown as it was thrown.
    /// </summary>
    /// <exception cref="ArgumentException">A record's id is not after the one before it (when that record is reached).</exception>
    public static IEnumerable<JsonObject> Enumerate<T>(CorpusFormat format, IEnumerable<T> ordered, Func<T, PackageRecord> read, CorpusOptions options, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(options);
        var rendering = options.Rendering;
        if (format == CorpusFormat.Dpo)
        {
            return DpoRows.Of([.. InOrder(OrderedParallel.Select(ordered, read, parallelism), r => r.TrajectoryId)], rendering, options.PairingRule);
        }

        var row = Builder(format, rendering);
        var made = OrderedParallel.Select(
            ordered,
            item =>
            {
                var record = read(item);
                return (record.TrajectoryId, Row: row(record));
            },
            parallelism);
        return InOrder(made, m => m.TrajectoryId).Select(m => m.Row).OfType<JsonObject>();
    }

    /// <summary>
    /// A row's record id, from its <c>provenance</c>: the trajectory id, or <c>chosen|rejected</c> for a preference pair.
    /// </summary>
    /// <param name="row">A row of any corpus format.</param>
    /// <returns>The id its shards are ordered by.</returns>
    public static string RecordId(JsonObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var provenance = row["provenance"]!;
        return provenance["trajectory_id"]?.GetValue<string>()
            ?? $"{provenance["chosen"]!["trajectory_id"]!.GetValue<string>()}|{provenance["rejected"]!["trajectory_id"]!.GetValue<string>()}";
    }

    /// <summary>
    /// The row of one record in <paramref name="format"/>, or null when the record has none; any thread may call it.
    /// Preference pairs (<see cref="CorpusFormat.Dpo"/>) are made from every record at once, not one by one.
    /// </summary>
    internal static Func<PackageRecord, JsonObject?> Builder(CorpusFormat format, ActionRendering rendering) => format switch
    {
        CorpusFormat.ShareGpt => r => ShareGptRows.Of(r, rendering),
        CorpusFormat.OpenAi => r => OpenAiRows.Of(r, rendering),
        CorpusFormat.Kto => r => KtoRows.Of(r, rendering),
        CorpusFormat.KtoLlamaFactory => r => KtoLlamaFactoryRows.Of(r, rendering),
        CorpusFormat.Prm => r => PrmRows.Of(r, rendering),
        CorpusFormat.Stepwise => r => StepwiseRows.Of(r, rendering),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown corpus format, or one made from every record at once"),
    };

    /// <summary>The items as they come, checked to be in strictly rising id order (ordinal).</summary>
    /// <exception cref="ArgumentException">An item's id is not after the one before it (when that item is reached).</exception>
    internal static IEnumerable<TItem> InOrder<TItem>(IEnumerable<TItem> items, Func<TItem, string> id)
    {
        string? previous = null;
        foreach (var item in items)
        {
            var current = id(item);
            if (previous is not null && string.CompareOrdinal(previous, current) >= 0)
            {
                throw new ArgumentException($"Records must come in trajectory id order (ordinal), each id once: '{current}' came after '{previous}'.", nameof(items));
            }

            previous = current;
            yield return item;
        }
    }
}
