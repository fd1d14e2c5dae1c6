namespace Build.Parameters;

/// <summary>The benchmark suites the Bench target runs (<c>--suite</c>); help and errors list them in this order.</summary>
internal static class BenchSuites
{
    /// <summary>The macro benchmarks of issue 10 (bench/TrajectoryBuild.MacroBench); the default.</summary>
    public const string Macro = "macro";

    /// <summary>The BenchmarkDotNet micro-benchmarks (bench/TrajectoryBuild.MicroBench).</summary>
    public const string Micro = "micro";

    /// <summary>The long point of the scaling curve: a no-op plan of 1,000,000 tasks.</summary>
    public const string ScalingMillion = "scaling-1m";

    /// <summary>Stage 2's per-task overhead against the docker CLI (bench/TrajectoryBuild.Bench; needs Docker).</summary>
    public const string Stage2 = "stage2";

    public static IReadOnlyList<string> All { get; } = [Macro, Micro, ScalingMillion, Stage2];
}
