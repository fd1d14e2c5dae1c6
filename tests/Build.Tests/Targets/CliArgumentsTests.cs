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
