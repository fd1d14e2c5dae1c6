using TrajectoryBuild.ImportBench.Corpus;
using TrajectoryBuild.ImportBench.Runs;

namespace TrajectoryBuild.ImportBench;

/// <summary>Every measured run of one format: trajbuild on the whole corpus and on a quarter of it, python on the whole.</summary>
internal sealed record FormatMeasurement(FormatCorpus Corpus, IReadOnlyList<CorpusFile> QuarterFiles)
{
    public List<RunResult> Full { get; } = [];

    public List<RunResult> Quarter { get; } = [];

    public List<RunResult> Python { get; } = [];

    public ProfileResult? Profile { get; set; }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
