using System.Globalization;
using Build.Parameters;

namespace Build.Targets;

/// <summary>The dotnet arguments of the BenchImport target: the import benchmark in Release, with its phase profile, its tables also written under artifacts/.</summary>
internal static class BenchImportArguments
{
    public const string Project = "bench/TrajectoryBuild.ImportBench";

    public const string OutFile = "artifacts/bench/import-vs-python.md";

    public static IReadOnlyList<string> For(BuildParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return
        [
            "run", "--project", Project, "-c", "Release", "--",
            "--size-mb", parameters.SizeMb.ToString(CultureInfo.InvariantCulture),
            "--iterations", parameters.Iterations.ToString(CultureInfo.InvariantCulture),
            "--profile", "--out", OutFile,
        ];
    }
}
