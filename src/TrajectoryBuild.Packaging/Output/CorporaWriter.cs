using System.Text.Json.Nodes;
using TrajectoryBuild.Packaging.Corpora;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Writes the corpora of several formats from one pass over the records: each record is read once (its trajectory from
/// the cache, say), turned into the row of every format and prepared for each format's writer on every core, a few
/// records ahead of the one the writers take. Preference pairs (<see cref="CorpusFormat.Dpo"/>) are drawn within a
/// task, so that format takes a pass of its own, a task at a time. The files are those of
/// <see cref="ShardWriter.WriteAsync"/> over each format's rows, byte for byte.
/// </summary>
public static class CorporaWriter
{
    /// <summary>Writes each format's corpus (config <see cref="CorpusNames.Name(CorpusFormat)"/>) under <paramref name="root"/>.</summary>
    /// <typeparam name="T">What a record is read from.</typeparam>
    /// <param name="root">The output folder.</param>
    /// <param name="formats">The corpora, each once; their sets come back in this order.</param>
    /// <param name="ordered">The items in trajectory id order (ordinal): enumerated once, and once more for preference pairs.</param>
    /// <param name="taskOf">An item's task id, known before it is read (its record's <see cref="RecordProvenance.TaskId"/>):
    /// preference pairs are drawn a task at a time.</param>
    /// <param name="read">Turns an item into its record; called on several threads at once.</param>
    /// <param name="place">A row's split and record id; called on several threads at once.</param>
    /// <param name="options">How rows are rendered and pairs drawn.</param>
    /// <param name="shards">Rows per shard and file formats.</param>
    /// <param name="progress">Told which corpora are being written; may be null.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Each format's columns and shards, in the order of <paramref name="formats"/>.</returns>
    /// <exception cref="ArgumentException">The items are not in id order, a format is given twice, or a row is not a JSON object.</exception>
    /// <exception cref="InvalidOperationException">A record read is of another task than <paramref name="taskOf"/> gave.</exception>
    public static async Task<IReadOnlyList<ShardSet>> WriteAsync<T>(
        string root,
        IReadOnlyList<CorpusFormat> formats,
        IEnumerable<T> ordered,
        Func<T, string> taskOf,
        Func<T, PackageRecord> read,
        Func<JsonObject, (string Split, string RecordId)> place,
        CorpusOptions options,
        ShardOptions shards,
        Action<string>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(taskOf);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(options);
        if (formats.Distinct().Count() != formats.Count)
        {
            throw new ArgumentException("Each corpus format may be written once.", nameof(formats));
        }

        var sets = new ShardSet[formats.Count];
        var single = Enumerable.Range(0, formats.Count).Where(i => formats[i] != CorpusFormat.Dpo).ToList();
        if (single.Count > 0)
        {
            var names = single.Select(i => CorpusNames.Name(formats[i])).ToList();
            progress?.Invoke($"{string.Join(", ", names)} rows");
            var made = await OnePassAsync(root, [.. single.Select(i => formats[i])], names, ordered, read, place, options, shards, cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < single.Count; k++)
            {
                sets[single[k]] = made[k];
            }
        }

        foreach (var i in Enumerable.Range(0, formats.Count).Where(i => formats[i] == CorpusFormat.Dpo))
        {
            progress?.Invoke($"{CorpusNames.Name(formats[i])} rows");
            // As in the one pass, the records are read and the rows taken on a thread of their own, not on a blocked
            // thread-pool thread; the shards are made on the pool once the rows are in.
            var rows = Pairs(ordered, taskOf, read, options).Select(row => Row(row, place));
            var config = CorpusNames.Name(formats[i]);
            sets[i] = await Task.Factory.StartNew(
                () => ShardWriter.WriteAsync(root, config, rows, shards, cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap().ConfigureAwait(false);
        }

        return sets;
    }

    // The preference pairs of every task, tasks in id order (ordinal): each task's records are read on every core, a few
    // items ahead, its pairs drawn (DpoRows.Of, which draws within a task) and its records let go, so that memory holds
    // one task's trajectories, not every one. The rows are those of DpoRows.Of over every record, in the same order.
    private static IEnumerable<JsonObject> Pairs<T>(IEnumerable<T> ordered, Func<T, string> taskOf, Func<T, PackageRecord> read, CorpusOptions options)
    {
        var tasks = ordered.GroupBy(taskOf, StringComparer.Ordinal).OrderBy(task => task.Key, StringComparer.Ordinal);
        var records = OrderedParallel.Select(
            tasks.SelectMany(task => task.Select(item => (Task: task.Key, Item: item))),
            entry =>
            {
                var record = read(entry.Item);
                return record.Provenance.TaskId == entry.Task
                    ? record
                    : throw new InvalidOperationException($"Trajectory '{record.TrajectoryId}' is of task '{record.Provenance.TaskId}', not of task '{entry.Task}' as its item said.");
            },
            Environment.ProcessorCount);
        var task = new List<PackageRecord>();
        foreach (var record in records)
        {
            if (task.Count > 0 && task[0].Provenance.TaskId != record.Provenance.TaskId)
            {
                foreach (var row in Draw(task, options))
                {
                    yield return row;
                }

                task = [];
            }

            task.Add(record);
        }

        foreach (var row in Draw(task, options))
        {
            yield return row;
        }

        // One task's pairs, from its records checked to be in id order as every corpus's are (CorpusRows.InOrder).
        static IEnumerable<JsonObject> Draw(List<PackageRecord> task, CorpusOptions options) =>
            DpoRows.Of(CorpusRows.InOrder(task, r => r.TrajectoryId), options.Rendering, options.PairingRule);
    }

    // Every format's writer open at once, each record read once and its rows prepared on every core.
    private static async Task<List<ShardSet>> OnePassAsync<T>(
        string root, List<CorpusFormat> formats, List<string> names, IEnumerable<T> ordered, Func<T, PackageRecord> read,
        Func<JsonObject, (string Split, string RecordId)> place, CorpusOptions options, ShardOptions shards, CancellationToken cancellationToken)
    {
        var writers = new List<ShardWriter.ConfigWriter>();
        try
        {
            foreach (var name in names)
            {
                writers.Add(ShardWriter.Begin(root, name, shards));
            }

            var builders = formats.Select(f => CorpusRows.Builder(f, options.Rendering)).ToList();

            // The rows are taken on a thread of the process's own, as each waits for the one it needs next: blocking a
            // thread-pool thread would leave one core's worth of the pool to make the rows ahead until it grew.
            await Task.Factory.StartNew(
                () =>
                {
                    var made = OrderedParallel.Select(ordered, item => Prepare(read(item), builders, place), Environment.ProcessorCount);
                    foreach (var (_, rows) in CorpusRows.InOrder(made, m => m.TrajectoryId))
                    {
                        try
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            for (var k = 0; k < rows.Length; k++)
                            {
                                if (rows[k] is { } row)
                                {
                                    writers[k].Add(row);
                                }
                            }
                        }
                        finally
                        {
                            Dispose(rows);
                        }
                    }
                },
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);

            // Every config's shards at once, so that one config's last, longest shard does not leave a core idle.
            return [.. await Task.WhenAll(writers.Select(writer => writer.CompleteAsync(cancellationToken))).ConfigureAwait(false)];
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }
    }

    // One record's row in each format (null where it has none), written for its writer with its values' places.
    private static (string TrajectoryId, ShardWriter.PreparedRow?[] Rows) Prepare(
        PackageRecord record, List<Func<PackageRecord, JsonObject?>> builders, Func<JsonObject, (string Split, string RecordId)> place)
    {
        var rows = new ShardWriter.PreparedRow?[builders.Count];
        try
        {
            for (var k = 0; k < builders.Count; k++)
            {
                if (builders[k](record) is { } row)
                {
                    var (split, id) = place(row);
                    rows[k] = ShardWriter.Prepare(split, id, row);
                }
            }

            return (record.TrajectoryId, rows);
        }
        catch
        {
            Dispose(rows);
            throw;
        }
    }

    private static ShardRow Row(JsonObject row, Func<JsonObject, (string Split, string RecordId)> place)
    {
        var (split, id) = place(row);
        return new ShardRow(split, id, CorpusJson.Utf8(row));
    }

    private static void Dispose(ShardWriter.PreparedRow?[] rows)
    {
        foreach (var row in rows)
        {
            row?.Dispose();
        }
    }
}
