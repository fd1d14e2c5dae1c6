using Build.Parameters;
using Build.Targets;

namespace Build.Tests.Targets;

public sealed class CliArgumentsTests
{
    private static readonly BuildParameters s_defaults = new("Debug", "datasets.yaml", 4, false, false, false, null, false);

    [Fact]
    public void Plan_AllOptions_PassedThrough()
    {
        var parameters = s_defaults with { Manifest = "m.yaml", Explain = true, Json = true, Stage = "Verify" };

        CliArguments.Plan(parameters).ShouldBe(["plan", "--manifest", "m.yaml", "--explain", "--json", "--stage", "Verify"]);
    }

    [Fact]
    public void Build_Defaults_StageManifestAndJobs()
    {
        CliArguments.Build("Package", s_defaults).ShouldBe(["build", "--manifest", "datasets.yaml", "--stage", "Package", "--jobs", "4"]);
    }

    [Fact]
    public void Build_KeepGoingAndDryRun_PassedThrough()
    {
        CliArguments.Build("Mine", s_defaults with { KeepGoing = true, DryRun = true })
            .ShouldBe(["build", "--manifest", "datasets.yaml", "--stage", "Mine", "--jobs", "4", "--keep-going", "--dry-run"]);
    }

    [Fact]
    public void Build_EveryStage_WithShardAndCache_PassedThrough()
    {
        var parameters = s_defaults with { Shard = "2/8", ShardTimeout = "90m", CacheUrl = "http://127.0.0.1:9090/", CacheReadOnly = true };

        CliArguments.Build(null, parameters).ShouldBe(
            ["build", "--manifest", "datasets.yaml", "--jobs", "4", "--cache-url", "http://127.0.0.1:9090/", "--cache-read-only", "--shard", "2/8", "--shard-timeout", "90m"]);
    }

    [Fact]
    public void Build_DatasetsAndForce_PassedThrough_OneDatasetOptionEach()
    {
        CliArguments.Build("Verify", s_defaults with { Dataset = "demo, lite", Force = true })
            .ShouldBe(["build", "--manifest", "datasets.yaml", "--stage", "Verify", "--jobs", "4", "--dataset", "demo", "--dataset", "lite", "--force"]);
        CliArguments.Plan(s_defaults with { Dataset = "demo" }).ShouldBe(["plan", "--manifest", "datasets.yaml", "--dataset", "demo"]);
    }

    [Fact]
    public void Plan_Matrix_PassesTheMostShardsAndTheCache()
    {
        CliArguments.Plan(s_defaults with { Matrix = true, MaxShards = 16, CacheUrl = "http://127.0.0.1:9090/" })
            .ShouldBe(["plan", "--manifest", "datasets.yaml", "--matrix", "--max-shards", "16", "--cache-url", "http://127.0.0.1:9090/"]);
    }

    [Fact]
    public void Parse_Shard_IsCheckedAsILegOfN_FromTheCommandLineOrTheEnvironment()
    {
        CommandLineParser.Parse(["Build", "--shard", "2/8"], _ => null).Parameters.Shard.ShouldBe("2/8");
        CommandLineParser.Parse(["Build"], name => name == "TRAJBUILD_SHARD" ? "3/4" : null).Parameters.Shard.ShouldBe("3/4");
        CommandLineParser.Parse(["Build"], _ => null).Parameters.Shard.ShouldBeNull();
        Should.Throw<Build.Host.UsageException>(() => CommandLineParser.Parse(["Build", "--shard", "9/8"], _ => null))
            .Message.ShouldBe("--shard: expected i/n (this leg and the number of legs, 1 <= i <= n <= 256, e.g. 2/8), got '9/8'");
    }

    [Fact]
    public void Release_VersionAndDryRunOnlyWhenGiven()
    {
        CliArguments.Release(s_defaults).ShouldBe(["release", "--manifest", "datasets.yaml"]);
        CliArguments.Release(s_defaults with { Version = "1.2.0", DryRun = true })
            .ShouldBe(["release", "--manifest", "datasets.yaml", "--version", "1.2.0", "--dry-run"]);
    }

    [Fact]
    public void Parse_Version_IsCheckedAsASemanticVersion()
    {
        CommandLineParser.Parse(["Release", "--version", "1.2.0-rc.1"], _ => null).Parameters.Version.ShouldBe("1.2.0-rc.1");
        CommandLineParser.Parse(["Release"], _ => null).Parameters.Version.ShouldBeNull();
        Should.Throw<Build.Host.UsageException>(() => CommandLineParser.Parse(["Release", "--version", "v1.2"], _ => null))
            .Message.ShouldBe("--version: expected semver (a semantic version such as 1.2.0), got 'v1.2'");
    }
}
