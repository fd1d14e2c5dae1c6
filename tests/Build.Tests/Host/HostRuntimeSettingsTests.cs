namespace Build.Tests.Host;

/// <summary>The host runs the CLI's stages in its own process (./build.sh Package), so with the CLI's JIT settings.</summary>
public sealed class HostRuntimeSettingsTests
{
    [Fact]
    public void Host_RunsWithTheCliTieringSettings()
    {
        var cli = RuntimeConfig.TieringOf("trajbuild");

        cli.ShouldNotBeEmpty();
        RuntimeConfig.TieringOf("Build").ShouldBe(cli);
    }
}
