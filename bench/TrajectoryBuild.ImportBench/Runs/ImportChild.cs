using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.ImportBench.Runs;

/// <summary>
/// The measured trajbuild work, in its own process: for each file its SHA-256 (provenance), then the importer streams
/// every record into normalized JSON Lines (<see cref="TrajectoryWriter"/> on a <see cref="FileStream"/>), one line per
/// trajectory with its id assigned, as the Capture stage writes them.
/// </summary>
internal static class ImportChild
{
    public static RunResult Run(ITrajectoryImporter importer, IReadOnlyList<string> files, string output, string corpusRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(files);
        var stopwatch = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes();
        long bytes = 0;
        int records = 0, quarantined = 0;
        string? firstQuarantine = null;
        using (var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new Utf8JsonWriter(stream, TrajectoryWriter.Options))
        {
            foreach (var file in files)
            {
                bytes += new FileInfo(file).Length;
                var source = new ImportSource(file, Path.GetRelativePath(corpusRoot, file).Replace('\\', '/'), Sha256(file));
                foreach (var result in importer.Import(source, cancellationToken))
                {
                    if (result is Imported imported)
                    {
                        TrajectoryWriter.Write(writer, imported.Trajectory with { Id = $"{importer.Format}-{records++:D8}" });
                        writer.Flush();
                        stream.WriteByte((byte)'\n');
                        writer.Reset();
                    }
                    else
                    {
                        quarantined++;
                        firstQuarantine ??= result.ToString();
                    }
                }
            }
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        return new RunResult(bytes, records, quarantined, seconds, PeakMemory.Kib(), (GC.GetTotalAllocatedBytes() - allocated) / 1e6, firstQuarantine);
    }

    public static string Sha256(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
