using System.Globalization;
using Build.Parameters;

namespace Build.Targets;

/// <summary>
/// The dotnet arguments of the Bench target, by <c>--suite</c>: each benchmark project in Release. The macro suites also
/// write the results table and the scaling SVG of docs/benchmarks.md from the JSON of their run.
/// </summary>
internal static class BenchArguments
{
    public const string Project = "bench/TrajectoryBuild.Bench";

    public const string MacroProject = "bench/TrajectoryBuild.MacroBench";

    public const string MicroProject = "bench/TrajectoryBuild.MicroBench";

    public const string OutFile = "artifacts/bench/stage-vs-cli.md";

    public const string DocsPage = "docs/benchmarks.md";

    public static IReadOnlyList<string> For(BuildParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var iterations = parameters.Iterations.ToString(CultureInfo.InvariantCulture);
        return parameters.Suite switch
        {
            BenchSuites.Stage2 => ["run", "--project", Project, "-c", "Release", "--", "--iterations", iterations, "--out", OutFile],
            BenchSuites.Micro => ["run", "--project", MicroProject, "-c", "Release", "--"],
            BenchSuites.ScalingMillion =>
                ["run", "--project", MacroProject, "-c", "Release", "--", "--benchmarks", "scaling", "--scaling", "1000000", "--iterations", iterations, "--docs", DocsPage],
            _ => ["run", "--project", MacroProject, "-c", "Release", "--", "--iterations", iterations, "--docs", DocsPage],
        };
    }
}
