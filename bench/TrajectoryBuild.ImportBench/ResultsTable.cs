using System.Globalization;
using System.Text;
using TrajectoryBuild.ImportBench.Corpus;

namespace TrajectoryBuild.ImportBench;

/// <summary>The benchmark's Markdown: the corpus make-up, the medians per format and overall, the verdict, the profile.</summary>
internal static class ResultsTable
{
    public const double Goal = 3.0;

    public static string MakeUp(IReadOnlyList<FormatCorpus> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var text = new StringBuilder();
        text.AppendLine("| corpus part | importer | files | trajectories | MB | KB per trajectory |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var part in corpus)
        {
            text.AppendLine(Invariant($"| {part.Format.Name} | {part.Format.Importer} | {part.Files.Count} | {part.Records} | {part.Bytes / 1e6:F0} | {part.Bytes / 1e3 / part.Records:F0} |"));
        }

        text.AppendLine(Invariant($"| **total** | | {corpus.Sum(p => p.Files.Count)} | {corpus.Sum(p => p.Records)} | {corpus.Sum(p => p.Bytes) / 1e6:F0} | |"));
        return text.ToString();
    }

    public static string Results(IReadOnlyList<FormatMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var text = new StringBuilder();
        text.AppendLine("| format | MB | trajectories | trajbuild MB/s | python MB/s | ratio | trajbuild trajectories/s | trajbuild peak MB (quarter / full) | python peak MB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        double trajbuildSeconds = 0, pythonSeconds = 0, quarterPeak = 0, fullPeak = 0, pythonPeak = 0;
        foreach (var m in measurements)
        {
            var seconds = FormatMeasurement.Median(m.Full.Select(r => r.Seconds));
            var python = FormatMeasurement.Median(m.Python.Select(r => r.Seconds));
            var quarter = FormatMeasurement.Median(m.Quarter.Select(r => r.PeakMb));
            var full = FormatMeasurement.Median(m.Full.Select(r => r.PeakMb));
            var pythonMb = FormatMeasurement.Median(m.Python.Select(r => r.PeakMb));
            (trajbuildSeconds, pythonSeconds) = (trajbuildSeconds + seconds, pythonSeconds + python);
            (quarterPeak, fullPeak, pythonPeak) = (Math.Max(quarterPeak, quarter), Math.Max(fullPeak, full), Math.Max(pythonPeak, pythonMb));
            text.AppendLine(Row(m.Corpus.Format.Name, m.Corpus.Bytes, m.Full[0].Records, seconds, python, quarter, full, pythonMb));
        }

        var bytes = measurements.Sum(m => m.Corpus.Bytes);
        var records = measurements.Sum(m => m.Full[0].Records);
        text.AppendLine(Row("**overall**", bytes, records, trajbuildSeconds, pythonSeconds, quarterPeak, fullPeak, pythonPeak));
        return text.ToString();
    }

    public static string Verdict(IReadOnlyList<FormatMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var below = measurements.Where(m => Ratio(m) < Goal).Select(m => Invariant($"{m.Corpus.Format.Name} ({Ratio(m):F2}x)")).ToList();
        var overall = measurements.Sum(m => FormatMeasurement.Median(m.Python.Select(r => r.Seconds)))
            / measurements.Sum(m => FormatMeasurement.Median(m.Full.Select(r => r.Seconds)));
        return below.Count == 0
            ? Invariant($"Goal (>= {Goal:F0}x python's json throughput) met for every format; overall {overall:F2}x.")
            : Invariant($"Goal (>= {Goal:F0}x python's json throughput) NOT met for: {string.Join(", ", below)}; overall {overall:F2}x.");
    }

    public static string Profile(IReadOnlyList<FormatMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var text = new StringBuilder();
        text.AppendLine("| format (quarter corpus) | MB | SHA-256 s | read + JSON parse s | convert s | serialize s | write s | total s | MB/s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in measurements.Where(m => m.Profile is not null))
        {
            var p = m.Profile!;
            text.AppendLine(Invariant(
                $"| {m.Corpus.Format.Name} | {p.Bytes / 1e6:F0} | {p.Hash:F2} | {p.Parse:F2} | {p.Convert:F2} | {p.Serializing:F2} | {p.Writing:F2} | {p.Full:F2} | {p.Bytes / 1e6 / p.Full:F0} |"));
        }

        return text.ToString();
    }

    private static double Ratio(FormatMeasurement m) =>
        FormatMeasurement.Median(m.Python.Select(r => r.Seconds)) / FormatMeasurement.Median(m.Full.Select(r => r.Seconds));

    private static string Row(string name, long bytes, int records, double seconds, double pythonSeconds, double quarterPeak, double fullPeak, double pythonPeak) =>
        Invariant($"| {name} | {bytes / 1e6:F0} | {records} | {bytes / 1e6 / seconds:F0} | {bytes / 1e6 / pythonSeconds:F0} | **{pythonSeconds / seconds:F2}x** | {records / seconds:F0} | {quarterPeak:F0} / {fullPeak:F0} | {pythonPeak:F0} |");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
