namespace TrajectoryBuild.MacroBench.Benchmarks;

/// <summary>What every benchmark gets: the options, the repository root, the output folder and the log.</summary>
internal sealed record BenchContext(MacroBenchOptions Options, string Root, string OutFolder, TextWriter Log)
{
    /// <summary>Where generated inputs and built workspaces are kept.</summary>
    public string WorkFolder => Path.GetFullPath(Options.Work ?? Path.Combine("artifacts", "bench", "workspaces"), Root);

    /// <summary>The command that reproduces a benchmark's result file.</summary>
    public string Reproduce(string benchmark, string sizeOptions) =>
        $"dotnet run --project bench/TrajectoryBuild.MacroBench -c Release -- --benchmarks {benchmark} {sizeOptions} --iterations {Options.Iterations}{(Options.Warmup == 1 ? string.Empty : $" --warmup {Options.Warmup}")}".Replace("  ", " ", StringComparison.Ordinal);
}
