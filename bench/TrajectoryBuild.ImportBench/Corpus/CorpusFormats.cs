namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// The formats of the corpus: one line each (name, importer, weight, generator). A new importer's format is one more
/// line here and a generator; bump <see cref="CorpusBuilder.GeneratorVersion"/> when any generator changes its output.
/// </summary>
internal static class CorpusFormats
{
    public static IReadOnlyList<CorpusFormat> All { get; } =
    [
        new("nebius-swe-agent", "nebius-swe-agent", 30, new NebiusRows(repr: false)),
        new("nebius-swe-agent-repr", "nebius-swe-agent", 15, new NebiusRows(repr: true)),
        new("swe-agent", "swe-agent", 35, new SweAgentFiles()),
        new("mini-swe-agent", "mini-swe-agent", 20, new MiniSweAgentFiles()),
    ];
}
