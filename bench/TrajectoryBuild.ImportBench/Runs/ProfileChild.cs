using System.Diagnostics;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.ImportBench.Runs;

/// <summary>
/// Where the import's time goes: the passes of <see cref="ProfileResult"/>, after one untimed warm-up pass (so the JIT has
/// compiled the hot code at its final tier), each timed with a stopwatch; the fastest of three runs of each pass.
/// </summary>
internal static class ProfileChild
{
    private const int Passes = 3;

    public static ProfileResult Run(ITrajectoryImporter importer, IReadOnlyList<string> files, string output, string corpusRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(files);
        using (var warmup = new Utf8JsonWriter(Stream.Null, TrajectoryWriter.Options))
        {
            Import(importer, files, warmup, cancellationToken);
        }

        var hash = Time(() =>
        {
            foreach (var file in files)
            {
                ImportChild.Sha256(file);
            }
        });
        var parse = Time(() =>
        {
            foreach (var file in files)
            {
                var records = file.EndsWith(".jsonl", StringComparison.Ordinal) ? RecordFiles.Lines(file, cancellationToken)
                    : file.EndsWith(".parquet", StringComparison.Ordinal) ? RecordFiles.ParquetRows(file, cancellationToken)
                    : RecordFiles.Document(file);
                foreach (var record in records)
                {
                    if (!record.IsValid)
                    {
                        throw new ImportBenchFailedException($"{file}: {record.Position}: {record.Error}");
                    }
                }
            }
        });
        var import = Time(() => Import(importer, files, null, cancellationToken));
        var serialize = Time(() =>
        {
            using var writer = new Utf8JsonWriter(Stream.Null, TrajectoryWriter.Options);
            Import(importer, files, writer, cancellationToken);
        });
        var full = Enumerable.Range(0, Passes).Min(_ => ImportChild.Run(importer, files, output, corpusRoot, cancellationToken).Seconds);
        return new ProfileResult(files.Sum(f => new FileInfo(f).Length), hash, parse, import, serialize, full);
    }

    private static void Import(ITrajectoryImporter importer, IReadOnlyList<string> files, Utf8JsonWriter? writer, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            foreach (var result in importer.Import(new ImportSource(file, Path.GetFileName(file), new string('0', 64)), cancellationToken))
            {
                if (writer is not null && result is Imported imported)
                {
                    TrajectoryWriter.Write(writer, imported.Trajectory);
                    writer.Flush();
                    writer.Reset();
                }
            }
        }
    }

    private static double Time(Action action) => Enumerable.Range(0, Passes).Min(_ =>
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalSeconds;
    });
}
