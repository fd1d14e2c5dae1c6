using System.Diagnostics;
using System.Security.Cryptography;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.ImportBench.Runs;

/// <summary>
/// The measured trajbuild work, in its own process, exactly as <c>trajbuild import</c> does it: <see cref="ImportRunner"/>
/// hashes each file (SHA-256, for provenance), converts its records on every core and writes normalized JSON Lines to a
/// <see cref="FileStream"/> in order, one line per trajectory with its id assigned (<see cref="ImportedIds"/>).
/// </summary>
internal static class ImportChild
{
    public static RunResult Run(ITrajectoryImporter importer, IReadOnlyList<string> files, string output, string corpusRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(files);
        var stopwatch = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes();
        var quarantined = 0;
        string? firstQuarantine = null;
        ImportTotals totals;
        using (var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var run = new ImportRun(
                importer,
                trajectory => ImportedIds.Assign(trajectory, importer.Format),
                stream.WriteAsync,
                (bad, _) =>
                {
                    quarantined++;
                    firstQuarantine ??= bad.ToString();
                    return ValueTask.CompletedTask;
                })
            { Scaffold = importer.Format };
            var sources = files.Select(f => new ImportFile(f, Path.GetRelativePath(corpusRoot, f).Replace('\\', '/'))).ToList();
            totals = ImportRunner.RunAsync(run, sources, cancellationToken).GetAwaiter().GetResult();
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        return new RunResult(totals.Bytes, (int)totals.Trajectories, quarantined, seconds, PeakMemory.Kib(), (GC.GetTotalAllocatedBytes() - allocated) / 1e6, firstQuarantine);
    }

    public static string Sha256(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
