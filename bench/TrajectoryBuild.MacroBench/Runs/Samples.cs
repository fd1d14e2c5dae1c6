using System.Text.Json.Nodes;

namespace TrajectoryBuild.MacroBench.Runs;

/// <summary>The measured runs of one variant: wall seconds and peak memory of each, and their medians.</summary>
internal sealed class Samples
{
    private readonly List<ProcessRun> _runs = [];

    public IReadOnlyList<ProcessRun> Runs => _runs;

    public double MedianSeconds => Median(_runs.Select(r => r.Seconds));

    public double MedianPeakMb => Median(_runs.Select(r => r.PeakMb));

    public double MaxPeakMb => _runs.Count == 0 ? 0 : _runs.Max(r => r.PeakMb);

    public void Add(ProcessRun run) => _runs.Add(run);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public JsonObject ToJson() => new()
    {
        ["median_seconds"] = Math.Round(MedianSeconds, 4),
        ["min_seconds"] = Math.Round(_runs.Count == 0 ? 0 : _runs.Min(r => r.Seconds), 4),
        ["max_seconds"] = Math.Round(_runs.Count == 0 ? 0 : _runs.Max(r => r.Seconds), 4),
        ["peak_mb_median"] = Math.Round(MedianPeakMb, 1),
        ["peak_mb_max"] = Math.Round(MaxPeakMb, 1),
        ["runs_seconds"] = new JsonArray([.. _runs.Select(r => (JsonNode)Math.Round(r.Seconds, 4))]),
        ["runs_peak_mb"] = new JsonArray([.. _runs.Select(r => (JsonNode)Math.Round(r.PeakMb, 1))]),
    };
}
