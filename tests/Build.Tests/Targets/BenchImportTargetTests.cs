using Build.Parameters;
using Build.Targets;

namespace Build.Tests.Targets;

public sealed class BenchImportTargetTests
{
    private static readonly BuildParameters s_defaults = new("Debug", "datasets.yaml", 4, false, false, false, null, false);

    [Fact]
    public void For_Defaults_RunsTheImportBenchInReleaseOnOneGigabyteWithItsProfile()
    {
        BenchImportArguments.For(s_defaults).ShouldBe(
            ["run", "--project", "bench/TrajectoryBuild.ImportBench", "-c", "Release", "--",
             "--size-mb", "1024", "--iterations", "10", "--profile", "--out", "artifacts/bench/import-vs-python.md"]);
    }

    [Fact]
    public void For_SizeAndIterations_PassedThrough()
    {
        var arguments = BenchImportArguments.For(s_defaults with { SizeMb = 2048, Iterations = 3 });

        arguments.ShouldContain("2048");
        arguments.ShouldContain("3");
    }
}
