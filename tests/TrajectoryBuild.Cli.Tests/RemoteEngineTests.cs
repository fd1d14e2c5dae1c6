using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>A build whose container work runs on another Docker Engine, reached over TCP through <c>DOCKER_HOST</c>.</summary>
public sealed class RemoteEngineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_WithDockerHostOnALoopbackTcpEngine_RunsTheTasksThere()
    {
        await Requires.SecondDaemonAsync();

        // The base image is built once on the default engine (debootstrap, about a minute) and copied over, as a
        // registry would serve it: no engine here can pull.
        var here = DemoWorkspace.CopyDemo(_temp, "here");
        (await CliRunner.RunRealAsync("build", "--manifest", here, "--stage", "Environment")).ExitCode.ShouldBe(0);
        var (listed, bases, listErrors) = await SecondDockerDaemon.Docker(null, ["images", "--format", "{{.Repository}}:{{.Tag}}", "trajbuild/base"]);
        listed.ShouldBe(0, listErrors);
        var images = bases.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        images.ShouldNotBeEmpty();
        using var remote = await SecondDockerDaemon.StartAsync();
        var (copied, _, copyErrors) = await SecondDockerDaemon.Docker(null, ["save", .. images], (remote.Host, ["load"]));
        copied.ShouldBe(0, copyErrors);

        var there = DemoWorkspace.CopyDemo(_temp, "there");
        using var child = ChildProcess.Start("trajbuild", ["build", "--manifest", there, "--stage", "Reproduce"], _temp.Path,
            new Dictionary<string, string> { ["DOCKER_HOST"] = remote.Host, ["CI"] = "true" });
        var code = await child.WaitAsync(TimeSpan.FromMinutes(10));

        code.ShouldBe(0, child.Stdout + child.Stderr);
        child.Stdout.ShouldContain("executor      hermetic: Docker Engine (python-bookworm)");
        child.Stdout.ShouldContain("3 reproduced, 0 rejected");
        var (_, taskImages, _) = await SecondDockerDaemon.Docker(remote.Host, ["images", "--format", "{{.Repository}}:{{.Tag}}", "trajbuild/task"]);
        taskImages.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeGreaterThanOrEqualTo(3, "the demo's three task images were built on the remote engine");
    }
}
