using System.Buffers;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>Converts one <see cref="ImportUnit"/> on a worker thread: parse, convert, assign ids, serialize.</summary>
internal static class UnitWorker
{
    public static ImportSource SourceOf(ImportRun run, ImportFile file) =>
        new(file.Path, file.RelativePath, Digest.OfFile(file.Path)) { Scaffold = run.Scaffold };

    public static UnitOutput Convert(ImportRun run, ImportUnit unit, CancellationToken cancellationToken) => unit.Kind switch
    {
        UnitKind.Lines => ConvertLines(run, (RecordImporter)run.Importer, unit, cancellationToken),
        UnitKind.WholeFile => ConvertFile(run, unit, cancellationToken),
        UnitKind.RowGroup => ConvertRowGroup(run, (RecordImporter)run.Importer, unit, cancellationToken),
        _ => new UnitOutput(unit, null, 0),
    };

    private static UnitOutput ConvertLines(ImportRun run, RecordImporter importer, ImportUnit unit, CancellationToken cancellationToken)
    {
        var source = unit.Source!;
        var output = new UnitOutput(unit, source, unit.Length + (unit.Length / 4));
        try
        {
            foreach (var line in unit.Lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var position = $"line {line.Number}";
                using var document = RecordFiles.ParseLine(new RawLine(line.Number, unit.Buffer.AsMemory(line.Start, line.Length), line.Unterminated), out var error);
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
        var source = unit.Source!;
        var output = new UnitOutput(unit, source, 1 << 20);
        var records = unit.FileError is { } error
            ? [new SourceRecord("file", default, error)]
            : RecordFiles.ParquetRowGroup(unit.File.Path, unit.Group, unit.FirstRow, cancellationToken);
        foreach (var record in records)
        {
            if (!record.IsValid)
            {
                output.Add(record.Position, false, null, [new Quarantined(source.RelativePath, record.Position, record.Error!)], run.AssignId);
                continue;
            }

            var outcome = importer.ConvertRecord(record.Value, source, record.Position, null);
            output.Add(record.Position, outcome.VersionRead, outcome.Version, outcome.Results, run.AssignId);
        }

        return output;
    }

    private static UnitOutput ConvertFile(ImportRun run, ImportUnit unit, CancellationToken cancellationToken)
    {
        var source = SourceOf(run, unit.File);
        var output = new UnitOutput(unit, source, (int)Math.Min(new FileInfo(unit.File.Path).Length * 5 / 4, 1 << 23));
        foreach (var result in run.Importer.Import(source, cancellationToken))
        {
            output.Add(string.Empty, false, null, [result], run.AssignId);
        }

        return output;
    }
}
