namespace TrajectoryBuild.MacroBench.Tests;

/// <summary>
/// The trajbuild CLI's JIT settings, which docs/benchmarks.md measured (stages 3-4: dynamic PGO off; a method with a loop
/// compiled optimized at once), and the benchmarks that time the CLI's code in their own processes run with the same ones.
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static readonly string[] s_benchmarks = ["TrajectoryBuild.ImportBench", "TrajectoryBuild.MacroBench", "TrajectoryBuild.MicroBench"];

    [Fact]
    public void Cli_TurnsOffDynamicPgoAndQuickJitForLoops()
    {
        var settings = RuntimeConfig.TieringOf("trajbuild");

        settings.ShouldBe(new Dictionary<string, bool>
        {
            ["System.Runtime.TieredCompilation.QuickJitForLoops"] = false,
            ["System.Runtime.TieredPGO"] = false,
        });
    }

    [Fact]
    public void Benchmarks_RunWithTheCliSettings()
    {
        var cli = RuntimeConfig.TieringOf("trajbuild");

        foreach (var benchmark in s_benchmarks)
        {
            RuntimeConfig.TieringOf(benchmark).ShouldBe(cli, benchmark);
        }
    }
}
