using System.Buffers;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>Converts one <see cref="ImportUnit"/> on a worker thread: parse, convert, assign ids, serialize.</summary>
internal static class UnitWorker
{
    public static ImportSource SourceOf(ImportRun run, ImportFile file, CancellationToken cancellationToken) =>
        new(file.Path, file.RelativePath, Digest.OfFile(file.Path, cancellationToken)) { Scaffold = run.Scaffold };

    // This much Parquet output (a row group of long trajectories: 64 rows of 300 KB give 20 MB or more) left several times
    // as much garbage on the large object heap.
    private const int LargeOutput = 16 << 20;

    // The Parquet output converted so far in this process.
    private static long s_rowOutput;

    public static UnitOutput Convert(ImportRun run, ImportUnit unit, CancellationToken cancellationToken)
    {
        var output = unit.Kind switch
        {
            UnitKind.Lines => ConvertLines(run, (RecordImporter)run.Importer, unit, cancellationToken),
            UnitKind.WholeFile => ConvertFile(run, unit, cancellationToken),
            UnitKind.RowGroup => ConvertRowGroup(run, (RecordImporter)run.Importer, unit, cancellationToken),
            UnitKind.RowBatch => ConvertRowBatch(run, (RecordImporter)run.Importer, unit, cancellationToken),
            _ => new UnitOutput(unit, null, 0),
        };

        // The GC sizes its large object heap budget by what it saw survive, and Parquet row groups of long trajectories
        // (the decoded pages, the long texts, the output) made the peak grow with the length of the run: 1.4 GB after 96
        // Parquet files of 18 MB, 240 MB after one. A background collection after each 16 MB of Parquet output keeps it
        // near what the units in flight hold, at no measured cost in time (docs/benchmarks.md, stages 3-4). JSON Lines
        // batches and whole files never needed it.
        if (unit.Kind is UnitKind.RowGroup or UnitKind.RowBatch)
        {
            var written = output.Bytes.WrittenCount;
            var after = Interlocked.Add(ref s_rowOutput, written);
            if (after / LargeOutput != (after - written) / LargeOutput)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: false);
            }
        }

        return output;
    }

    private static UnitOutput ConvertLines(ImportRun run, RecordImporter importer, ImportUnit unit, CancellationToken cancellationToken)
    {
        var source = unit.Source!;
        var output = new UnitOutput(unit, source, unit.Length + (unit.Length / 4));
        try
        {
            foreach (var line in unit.Lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var position = line.Position ?? $"line {line.Number}";

                // A slice the reader could not read (the rest of a broken JSON array) carries its reason instead of bytes.
                var error = line.Error;
                using var document = error is null ? RecordFiles.ParseLine(new RawLine(line.Number, unit.Buffer.AsMemory(line.Start, line.Length), line.Unterminated), out error) : null;
                if (document is null)
                {
                    output.Add(position, false, null, [new Quarantined(source.RelativePath, position, error!)], run.AssignId);
                    continue;
                }

                var outcome = importer.ConvertRecord(document.RootElement, source, position, null);
                output.Add(position, outcome.VersionRead, outcome.Version, outcome.Results, run.AssignId);
            }

            return output;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(unit.Buffer);
            unit.Buffer = [];
        }
    }

    private static UnitOutput ConvertRowGroup(ImportRun run, RecordImporter importer, ImportUnit unit, CancellationToken cancellationToken)
    {
        var records = unit.FileError is { } error
            ? [new SourceRecord("file", default, error)]
            : RecordFiles.ParquetRowGroup(unit.File.Path, unit.Group, unit.FirstRow, cancellationToken, unit.GroupEnd);
        return ConvertRows(run, importer, new UnitOutput(unit, unit.Source, 1 << 20), records);
    }

    private static UnitOutput ConvertRowBatch(ImportRun run, RecordImporter importer, ImportUnit unit, CancellationToken cancellationToken)
    {
        var rows = unit.Rows!;
        try
        {
            var records = RecordFiles.ParquetRowRecords(rows, unit.Start, unit.Count, unit.FirstRow, cancellationToken, importer.EmbeddedColumns);
            return ConvertRows(run, importer, new UnitOutput(unit, unit.Source, run.BatchBytes + (run.BatchBytes / 4)), records);
        }
        finally
        {
            rows.Leave();
        }
    }

    // Parquet rows into the output: each converted, or quarantined with the reason it could not be read.
    private static UnitOutput ConvertRows(ImportRun run, RecordImporter importer, UnitOutput output, IEnumerable<SourceRecord> records)
    {
        var source = output.Source!;
        foreach (var record in records)
        {
            if (!record.IsValid)
            {
                output.Add(record.Position, false, null, [new Quarantined(source.RelativePath, record.Position, record.Error!)], run.AssignId);
                continue;
            }

            RecordOutcome outcome;
            using (EmbeddedTexts.Use(record.Texts))
            {
                outcome = importer.ConvertRecord(record.Value, source, record.Position, null);
            }

            output.Add(record.Position, outcome.VersionRead, outcome.Version, outcome.Results, run.AssignId);
        }

        return output;
    }

    private static UnitOutput ConvertFile(ImportRun run, ImportUnit unit, CancellationToken cancellationToken)
    {
        var source = SourceOf(run, unit.File, cancellationToken);
        var output = new UnitOutput(unit, source, (int)Math.Min(ImportFile.LengthOf(unit.File.Path) * 5 / 4, 1 << 23));
        foreach (var result in run.Importer.Import(source, cancellationToken))
        {
            output.Add(string.Empty, false, null, [result], run.AssignId);
        }

        return output;
    }
}
