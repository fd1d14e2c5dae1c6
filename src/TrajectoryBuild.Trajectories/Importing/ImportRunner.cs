using System.Buffers;
using System.Threading.Channels;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// Imports files into normalized JSON Lines on every core, with the same bytes, in the same order, as importing them
/// one record at a time: a reader hashes each file and cuts JSON Lines files into batches of records (copied out of
/// its buffer) and Parquet files into row groups (a flat row group decoded once and cut into batches of its rows),
/// workers parse, convert and serialize the batches, row groups or whole one-document files in parallel, and the
/// writer takes their outputs in file order, checks that a file's records agree on their version, and writes.
/// At most a few units per core are in flight (a bounded queue), so memory stays flat in the number of records.
/// </summary>
public static class ImportRunner
{
    // The most rows in one unit of a decoded row group, whatever their size.
    private const int MaxBatchRows = 1024;

    /// <summary>Imports <paramref name="files"/> in order; returns what was read and written.</summary>
    public static async Task<ImportTotals> RunAsync(ImportRun run, IReadOnlyList<ImportFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(files);
        var parallelism = Math.Max(1, run.MaxParallelism);
        // Up to two units per core wait for the writer. With one per core, a unit slower than those after it (the writer takes
        // them in order) left a core idle once they were done (docs/benchmarks.md, stages 3-4: the runs of 2026-11-25).
        var queue = Channel.CreateBounded<Task<UnitOutput>>(new BoundedChannelOptions(2 * parallelism) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => Read(run, files, queue.Writer, stop.Token), stop.Token);
        long trajectories = 0, quarantined = 0;
        try
        {
            var writer = new OrderedWriter(run);
            var progress = run.Progress is null ? null : new ProgressCount(files);
            await foreach (var pending in queue.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                using var output = await pending.ConfigureAwait(false);
                var (written, set) = await writer.WriteAsync(output, stop.Token).ConfigureAwait(false);
                trajectories += written;
                quarantined += set;
                progress?.Report(run.Progress!, output.Unit.FileIndex, trajectories, quarantined);
            }

            progress?.Report(run.Progress!, files.Count, trajectories, quarantined);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(reader).ConfigureAwait(false);
            throw;
        }

        return new ImportTotals(await reader.ConfigureAwait(false), trajectories, quarantined);
    }

    // The files' sizes, taken once, so that each report can say how many bytes the files done so far hold.
    private sealed class ProgressCount(IReadOnlyList<ImportFile> files)
    {
        private readonly long[] _before = Before(files);

        // Units arrive in file order: the files before the one being written are done.
        public void Report(Action<ImportProgress> progress, int fileIndex, long trajectories, long quarantined) =>
            progress(new ImportProgress(fileIndex, files.Count, _before[fileIndex], _before[^1], trajectories, quarantined));

        private static long[] Before(IReadOnlyList<ImportFile> files)
        {
            var before = new long[files.Count + 1];
            for (var i = 0; i < files.Count; i++)
            {
                before[i + 1] = before[i] + ImportFile.LengthOf(files[i].Path);
            }

            return before;
        }
    }

    private static async Task<long> Read(ImportRun run, IReadOnlyList<ImportFile> files, ChannelWriter<Task<UnitOutput>> queue, CancellationToken cancellationToken)
    {
        long bytes = 0;
        // The reader cuts a file only once it has the file's digest (every record's provenance carries it). Hashing in
        // line, the reader stopped posting for as long as each hash took, and the workers ran dry: no unit was being
        // converted for 18% of a run of 12 JSON Lines files of 32 MB. So the next file is hashed on a thread of its own
        // while this one is cut, and the reader waits only for the first file's digest.
        Task<ImportSource>? next = null;
        try
        {
            for (var index = 0; index < files.Count; index++)
            {
                var file = files[index];
                bytes += ImportFile.LengthOf(file.Path);
                var kind = ReaderCuts(run, file);
                var digest = kind is UnitKind.WholeFile ? null : next ?? Hash(run, file, cancellationToken);
                next = index + 1 < files.Count && ReaderCuts(run, files[index + 1]) is not UnitKind.WholeFile ? Hash(run, files[index + 1], cancellationToken) : null;
                switch (kind)
                {
                    case UnitKind.RowGroup:
                        await ReadRowGroupsAsync(run, index, file, await digest!.ConfigureAwait(false), queue, cancellationToken).ConfigureAwait(false);
                        break;
                    case UnitKind.Lines:
                        await ReadLinesAsync(run, index, file, await digest!.ConfigureAwait(false), queue, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await PostAsync(run, new ImportUnit(index, file, UnitKind.WholeFile), queue, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }

            queue.Complete();
            return bytes;
        }
        catch (Exception exception)
        {
            queue.Complete(exception);
            // A file hashed ahead that the run never reached: its own failure (if any) is not this run's.
            _ = next?.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    // How the reader cuts a file: Parquet row groups, batches of JSON Lines or of a JSON array's elements, or (whole
    // file) not at all.
    private static UnitKind ReaderCuts(ImportRun run, ImportFile file) => run.Importer switch
    {
        RecordImporter rows when rows.ReadsRowGroups(file.Path) => UnitKind.RowGroup,
        RecordImporter lines when lines.ReadsLines(file.Path) || lines.ReadsArrayElements(file.Path) => UnitKind.Lines,
        _ => UnitKind.WholeFile,
    };

    // On a thread of its own: queued on the pool, whose threads (one per core at first) the reader, the workers and the
    // writer keep busy, the hash could wait behind the very units it should run beside.
    private static Task<ImportSource> Hash(ImportRun run, ImportFile file, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => UnitWorker.SourceOf(run, file, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static async Task ReadLinesAsync(ImportRun run, int index, ImportFile file, ImportSource source, ChannelWriter<Task<UnitOutput>> queue, CancellationToken cancellationToken)
    {
        ImportUnit? batch = null;
        async Task AddAsync(ReadOnlyMemory<byte> bytes, LineSlice slice)
        {
            var size = bytes.Length;
            if (batch is not null && (batch.Length + size > batch.Buffer.Length || batch.Length >= run.BatchBytes))
            {
                await PostAsync(run, batch, queue, cancellationToken).ConfigureAwait(false);
                batch = null;
            }

            batch ??= new ImportUnit(index, file, UnitKind.Lines) { Source = source, Buffer = ArrayPool<byte>.Shared.Rent(Math.Max(run.BatchBytes, size)) };
            bytes.Span.CopyTo(batch.Buffer.AsSpan(batch.Length));
            batch.Lines.Add(slice with { Start = batch.Length });
            batch.Length += size;
        }

        if (run.Importer is RecordImporter arrays && arrays.ReadsArrayElements(file.Path))
        {
            // A JSON array is cut into batches of its elements, as JSON Lines into batches of lines.
            foreach (var element in RecordFiles.RawElements(file.Path, cancellationToken))
            {
                if (element.NotAnArray)
                {
                    await PostAsync(run, new ImportUnit(index, file, UnitKind.WholeFile), queue, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await AddAsync(element.Bytes, new LineSlice(0, 0, element.Bytes.Length, false) { Position = element.Position, Error = element.Error }).ConfigureAwait(false);
            }
        }
        else
        {
            foreach (var line in RecordFiles.RawLines(file.Path, cancellationToken))
            {
                await AddAsync(line.Bytes, new LineSlice(line.Number, 0, line.Bytes.Length, line.Unterminated)).ConfigureAwait(false);
            }
        }

        if (batch is not null)
        {
            await PostAsync(run, batch, queue, cancellationToken).ConfigureAwait(false);
        }
    }

    // A Parquet file: one unit per row group (its footer says how many rows each holds), or one that reports why the
    // file cannot be read. A row group whose columns are all flat (the Hub's rows that keep their messages as a JSON
    // string) is decoded here, once, and cut into units of about BatchBytes of text, so that the rows of one group
    // (a file may hold a single one) convert on every core and each unit's output stays small. So is a nested one when
    // the file has fewer row groups than there are cores (decoding it is then the only work that runs on one core);
    // otherwise each nested group is read by the worker that converts it, one group per worker in memory.
    private static async Task ReadRowGroupsAsync(ImportRun run, int index, ImportFile file, ImportSource source, ChannelWriter<Task<UnitOutput>> queue, CancellationToken cancellationToken)
    {
        using var parquet = ParquetFile.Open(file.Path, cancellationToken);
        var groups = parquet.Groups;
        var decodeHere = parquet.Flat || groups.Count < Math.Max(1, run.MaxParallelism);
        if (parquet.Error is { } error)
        {
            await PostAsync(run, new ImportUnit(index, file, UnitKind.RowGroup) { Source = source, FileError = error }, queue, cancellationToken).ConfigureAwait(false);
            return;
        }

        var firstRow = 1L;
        for (var group = 0; group < groups.Count; group++)
        {
            // A group that does not decode is read again by its worker, which reports it as the row group that cannot be.
            if (decodeHere && parquet.ReadRowGroup(group, cancellationToken, run.LazyChunkBytes) is ({ } rows, null))
            {
                await PostRowBatchesAsync(run, index, file, source, group, firstRow, rows, queue, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A group its reader could not decode is read again whole, to report it as before.
                var end = decodeHere ? null : parquet.GroupEnd(group);
                await PostAsync(run, new ImportUnit(index, file, UnitKind.RowGroup) { Source = source, Group = group, FirstRow = firstRow, GroupEnd = end }, queue, cancellationToken).ConfigureAwait(false);
            }

            firstRow += groups[group];
        }
    }

    private static async Task PostRowBatchesAsync(ImportRun run, int index, ImportFile file, ImportSource source, int group, long firstRow, ParquetRowGroupRows rows,
        ChannelWriter<Task<UnitOutput>> queue, CancellationToken cancellationToken)
    {
        // Nested rows (assembled from their columns, or Parquet.Net's dictionaries) have no size: they are cut by count,
        // a few units per core. Flat rows read by columns are loaded as they are cut (a large column chunk is decoded
        // page by page), so a unit is handed out as soon as it is full and the pages held are those of the units in flight.
        var maxRows = rows.Sized ? MaxBatchRows : Math.Clamp(rows.Count / (4 * Math.Max(1, run.MaxParallelism)), 1, MaxBatchRows);
        try
        {
            var start = 0;
            long bytes = 0;
            for (var row = 0; row < rows.Count; row++)
            {
                rows.Load(row + 1);
                bytes += rows.SizeOf(row);
                if (bytes >= run.BatchBytes || row + 1 - start >= maxRows || row + 1 == rows.Count)
                {
                    rows.Join();
                    var unit = new ImportUnit(index, file, UnitKind.RowBatch) { Source = source, Group = group, FirstRow = firstRow, Rows = rows, Start = start, Count = row + 1 - start };
                    try
                    {
                        await PostAsync(run, unit, queue, cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        // Not handed out (the run stops): no worker will leave for it.
                        rows.Leave();
                        throw;
                    }

                    start = row + 1;
                    bytes = 0;
                }
            }
        }
        finally
        {
            rows.Leave();
        }
    }

    /// <summary>Starts converting <paramref name="unit"/> once the queue has room, so only a bounded number are in flight.</summary>
    private static async Task PostAsync(ImportRun run, ImportUnit unit, ChannelWriter<Task<UnitOutput>> queue, CancellationToken cancellationToken)
    {
        run.Posted?.Invoke(unit);
        while (await queue.WaitToWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            var work = Task.Run(() => UnitWorker.Convert(run, unit, cancellationToken), cancellationToken);
            if (queue.TryWrite(work))
            {
                return;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
