using System.Text.Json.Nodes;

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
        var settings = TieringOf("trajbuild");

        settings.ShouldBe(new Dictionary<string, bool>
        {
            ["System.Runtime.TieredCompilation.QuickJitForLoops"] = false,
            ["System.Runtime.TieredPGO"] = false,
        });
    }

    [Fact]
    public void Benchmarks_RunWithTheCliSettings()
    {
        var cli = TieringOf("trajbuild");

        foreach (var benchmark in s_benchmarks)
        {
            TieringOf(benchmark).ShouldBe(cli, benchmark);
        }
    }

    // The runtimeconfig.json properties of an assembly built beside the tests that steer tiered compilation.
    private static Dictionary<string, bool> TieringOf(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!.AsObject();
        return properties
            .Where(p => p.Key.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<bool>(), StringComparer.Ordinal);
    }
}
