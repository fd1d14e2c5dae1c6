namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// The formats of the corpus: one line each (name, importer, weight, generator). A new importer's format is one more
/// line here and a generator; bump <see cref="CorpusBuilder.GeneratorVersion"/> when any generator changes its output.
/// </summary>
internal static class CorpusFormats
{
    public static IReadOnlyList<CorpusFormat> All { get; } =
    [
        new("nebius-swe-agent", "nebius-swe-agent", 10, new NebiusRows(repr: false)),
        new("nebius-swe-agent-repr", "nebius-swe-agent", 8, new NebiusRows(repr: true)),
        new("swe-agent", "swe-agent", 16, new SweAgentFiles()),
        new("mini-swe-agent", "mini-swe-agent", 8, new MiniSweAgentFiles()),
        new("openhands", "openhands", 16, new OpenHandsFiles()),
        new("openhands-output", "openhands", 10, new OpenHandsOutputRows()),
        new("swe-smith", "swe-smith", 12, new SweSmithRows()),
        new("swe-gym", "swe-gym", 12, new SweGymRows()),
        new("nebius-openhands", "nebius-openhands", 8, new NebiusOpenHandsRows()),
        new("openhands-v1", "openhands-v1", 8, new OpenHandsV1Files()),
        new("swe-smith-parquet", "swe-smith", 8, new ParquetShards(new SweSmithRows(), "messages")),
        new("nebius-swe-agent-parquet", "nebius-swe-agent", 8, new ParquetShards(new NebiusRows(repr: false))),
    ];
}
