namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>One generated file: its absolute path, size and how many trajectories (rows or documents) it holds.</summary>
internal sealed record CorpusFile(string Path, long Bytes, int Records)
{
    /// <summary>
    /// The same rows as JSON Lines, for the Python baseline, when the file is in a format Python's standard library
    /// cannot read (Parquet); null when Python reads the file itself.
    /// </summary>
    public string? Twin { get; init; }
}
