using Build.Host;
using Build.Parameters;
using Build.Targets;

namespace Build.Tests.Targets;

public sealed class BenchTargetTests
{
    private static readonly BuildParameters s_defaults = new("Debug", "datasets.yaml", 4, false, false, false, null, false);

    [Fact]
    public void For_Defaults_RunsTheMacroBenchmarksInReleaseAndUpdatesTheDocs()
    {
        BenchArguments.For(s_defaults).ShouldBe(
            ["run", "--project", "bench/TrajectoryBuild.MacroBench", "-c", "Release", "--", "--iterations", "10", "--docs", "docs/benchmarks.md"]);
    }

    [Fact]
    public void For_Stage2_RunsTheStage2ProjectWithItsIterationsAndTable()
    {
        BenchArguments.For(s_defaults with { Suite = BenchSuites.Stage2 }).ShouldBe(
            ["run", "--project", "bench/TrajectoryBuild.Bench", "-c", "Release", "--", "--iterations", "10", "--out", "artifacts/bench/stage-vs-cli.md"]);
    }

    [Fact]
    public void For_MicroAndScalingMillion_RunTheirProjects()
    {
        BenchArguments.For(s_defaults with { Suite = BenchSuites.Micro }).ShouldBe(["run", "--project", "bench/TrajectoryBuild.MicroBench", "-c", "Release", "--"]);
        BenchArguments.For(s_defaults with { Suite = BenchSuites.ScalingMillion }).ShouldBe(
            ["run", "--project", "bench/TrajectoryBuild.MacroBench", "-c", "Release", "--", "--benchmarks", "scaling", "--scaling", "1000000", "--iterations", "10", "--docs", "docs/benchmarks.md"]);
    }

    [Fact]
    public void For_Iterations_PassedThroughWhateverTheConfiguration()
    {
        BenchArguments.For(s_defaults with { Iterations = 25 }).ShouldContain("25");
        BenchArguments.For(s_defaults with { Configuration = "Debug" }).ShouldContain("Release");
    }

    [Fact]
    public void Parse_Suite_IgnoresCaseAndRejectsUnknownNamesListingTheValidOnes()
    {
        CommandLineParser.Parse(["Bench", "--suite", "STAGE2"], _ => null).Parameters.Suite.ShouldBe(BenchSuites.Stage2);
        CommandLineParser.Parse(["Bench"], v => v == "TRAJBUILD_BENCH_SUITE" ? "micro" : null).Parameters.Suite.ShouldBe(BenchSuites.Micro);
        CommandLineParser.Parse(["Bench"], _ => null).Parameters.Suite.ShouldBe(BenchSuites.Macro);

        var error = Should.Throw<UsageException>(() => CommandLineParser.Parse(["Bench", "--suite", "docker"], _ => null));

        error.Message.ShouldBe("--suite: expected suite (one of macro, micro, scaling-1m, stage2), got 'docker'");
    }

    [Fact]
    public async Task CheckAsync_NoDockerCli_FailsSayingDockerIsRequired()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-docker-{Guid.NewGuid():N}");

        var exception = await Should.ThrowAsync<BuildFailedException>(() => DockerRequirement.CheckAsync(missing, TestContext.Current.CancellationToken));

        exception.Message.ShouldStartWith("Docker is required:");
        exception.Message.ShouldContain(missing);
    }
}
