using System.Net;
using Docker.DotNet;

namespace TrajectoryBuild.Containers.Tests;

/// <summary>A long-lived container driven through the exec API: fences, output, timeouts, removal.</summary>
public sealed class ContainerSessionTests(BaseImageFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Exec_RunsAsTheUserInTheWorkingDirectoryWithNoNetwork()
    {
        await using var session = await StartAsync();

        var result = await session.ExecAsync(["bash", "-c", "id -u; pwd; echo $MARKER; ls /sys/class/net; echo oops >&2; exit 3"], s_timeout, 1 << 20, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(3);
        result.TimedOut.ShouldBeFalse();
        result.Stdout.ShouldBe("1000\n/tmp\nset\nlo\n");
        result.Stderr.ShouldBe("oops\n");
    }

    [Fact]
    public async Task Exec_StateCarriesOverBetweenCommands()
    {
        await using var session = await StartAsync();
        var ct = TestContext.Current.CancellationToken;

        await session.ExecAsync(["bash", "-c", "echo kept > /tmp/file"], s_timeout, 1 << 20, ct);
        var result = await session.ExecAsync(["cat", "/tmp/file"], s_timeout, 1 << 20, ct);

        result.Stdout.ShouldBe("kept\n");
    }

    [Fact]
    public async Task Exec_PastItsTimeout_KillsTheCommandAndItsChildren()
    {
        await using var session = await StartAsync();
        var ct = TestContext.Current.CancellationToken;

        var result = await session.ExecAsync(["bash", "-c", "sleep 300 & echo started; sleep 300"], TimeSpan.FromSeconds(1), 1 << 20, ct);

        result.TimedOut.ShouldBeTrue();
        result.ExitCode.ShouldBe(137);
        result.Stdout.ShouldBe("started\n");
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        var left = await session.ExecAsync(["bash", "-c", "for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done | grep -c '^sleep 300' || true"], s_timeout, 1 << 20, ct);
        left.Stdout.Trim().ShouldBe("0");
    }

    [Fact]
    public async Task Exec_OutputPastTheLimit_IsCappedAndCounted()
    {
        await using var session = await StartAsync();

        var result = await session.ExecAsync(["bash", "-c", "head -c 5000 /dev/zero | tr '\\0' x"], s_timeout, 1000, TestContext.Current.CancellationToken);

        result.Stdout.ShouldStartWith(new string('x', 1000) + "\n[trajbuild: output truncated: 4000 more bytes not kept");
    }

    [Fact]
    public async Task Dispose_RemovesTheContainer()
    {
        var session = await StartAsync();
        var id = session.ContainerId;

        await session.DisposeAsync();
        await session.DisposeAsync();

        var missing = await Should.ThrowAsync<DockerContainerNotFoundException>(() => fixture.Engine.Client.Containers.InspectContainerAsync(id, TestContext.Current.CancellationToken));
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_Cancelled_LeavesNoContainer()
    {
        var image = await fixture.ImageAsync();
        var label = Guid.NewGuid().ToString("N");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => ContainerSession.StartAsync(fixture.Engine, Spec(image, label), null, cancelled.Token));

        var containers = await fixture.Engine.Client.Containers.ListContainersAsync(
            new Docker.DotNet.Models.ContainersListParameters { All = true, Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"test.session={label}"] = true } } },
            TestContext.Current.CancellationToken);
        containers.ShouldBeEmpty();
    }

    private static ContainerSpec Spec(string image, string label) => new(image, ["sleep", "infinity"])
    {
        User = "1000:1000",
        WorkingDirectory = "/tmp",
        Environment = new Dictionary<string, string> { ["MARKER"] = "set" },
        Labels = new Dictionary<string, string> { ["test.session"] = label },
        Limits = new ContainerLimits(MemoryBytes: 256L * 1024 * 1024, Pids: 64),
    };

    private async Task<ContainerSession> StartAsync() =>
        await ContainerSession.StartAsync(fixture.Engine, Spec(await fixture.ImageAsync(), Guid.NewGuid().ToString("N")), null, TestContext.Current.CancellationToken);
}
