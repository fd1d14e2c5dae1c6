using Docker.DotNet;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Containers.Tests;

public sealed class ContainerRunnerTests(BaseImageFixture fixture)
{
    private const long DiskLimit = 64L * 1024 * 1024;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ContainerRunner Runner => new(fixture.Engine);

    [Fact]
    public async Task RunAsync_Python_PrintsTheSuitesVersion()
    {
        var image = await fixture.ImageAsync();

        var result = await Runner.RunAsync(new ContainerSpec(image, ["python3", "--version"]), Cancellation);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldStartWith("Python 3.11.");
        result.TimedOut.ShouldBeFalse();
        result.OomKilled.ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_CopiedInFolder_IsVisibleAndOutputsComeBackWhileTheHostFolderIsUnchanged()
    {
        var image = await fixture.ImageAsync();
        using var temp = new TempDirectory();
        var input = Directory.CreateDirectory(temp.Combine("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(input, "pkg"));
        await File.WriteAllTextAsync(Path.Combine(input, "pkg", "data.txt"), "hello from the host\n", Cancellation);
        var output = temp.Combine("out");
        var script = "cat pkg/data.txt && mkdir -p results && echo written-inside > results/report.txt && echo changed > pkg/data.txt && ln -s /etc/passwd results/link";

        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["sh", "-c", script])
            {
                WorkingDirectory = "/work/repo",
                CopyIn = [new ContainerCopy(input, "/work/repo")],
                CopyOut = [new ContainerCopy(output, "/work/repo/results"), new ContainerCopy(output, "/work/repo/absent")],
            },
            Cancellation);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBe("hello from the host\n");
        (await File.ReadAllTextAsync(Path.Combine(output, "results", "report.txt"), Cancellation)).ShouldBe("written-inside\n");
        Path.Exists(Path.Combine(output, "results", "link")).ShouldBeFalse("links from the container are not written on the host");
        result.MissingOutputs.ShouldBe(["/work/repo/absent"]);
        (await File.ReadAllTextAsync(Path.Combine(input, "pkg", "data.txt"), Cancellation)).ShouldBe("hello from the host\n");
        Directory.Exists(Path.Combine(input, "results")).ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_Environment_ReachesTheCommand()
    {
        var image = await fixture.ImageAsync();

        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["sh", "-c", "echo \"$GREETING\"; pwd"]) { Environment = new Dictionary<string, string> { ["GREETING"] = "hi there" }, WorkingDirectory = "/tmp" },
            Cancellation);

        result.Stdout.ShouldBe("hi there\n/tmp\n");
    }

    [Fact]
    public async Task RunAsync_ConnectAttempt_FailsWithNoNetwork()
    {
        var image = await fixture.ImageAsync();
        var script = "import socket; socket.create_connection(('1.1.1.1', 53), 2)";

        var result = await Runner.RunAsync(new ContainerSpec(image, ["python3", "-c", script]), Cancellation);

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("OSError");
        var interfaces = await Runner.RunAsync(new ContainerSpec(image, ["ls", "/sys/class/net"]), Cancellation);
        interfaces.Stdout.Trim().ShouldBe("lo");
    }

    [Fact]
    public async Task RunAsync_MemoryHog_IsOomKilled()
    {
        var image = await fixture.ImageAsync();
        var script = "chunks = []\nwhile True: chunks.append(bytearray(8 * 1024 * 1024))";

        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["python3", "-c", script]) { Limits = new ContainerLimits(MemoryBytes: 64L * 1024 * 1024), Timeout = TimeSpan.FromSeconds(30) },
            Cancellation);

        result.OomKilled.ShouldBeTrue();
        result.ExitCode.ShouldBe(137);
        result.TimedOut.ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_ForkBomb_IsStoppedByThePidsLimit()
    {
        var image = await fixture.ImageAsync();
        // Bounded: at most 10 000 children, each sleeping; the pids limit stops it long before.
        var script = "import subprocess, sys\nfor i in range(10000):\n    try:\n        subprocess.Popen(['sleep', '60'])\n    except OSError as e:\n        print('stopped after', i, e); sys.exit(3)";

        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["python3", "-c", script]) { Limits = new ContainerLimits(Pids: 32), Timeout = TimeSpan.FromSeconds(30) },
            Cancellation);

        result.ExitCode.ShouldBe(3, result.Stdout + result.Stderr);
        result.Stdout.ShouldStartWith("stopped after");
        result.TimedOut.ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_PastTheTimeout_IsKilledAndRemoved()
    {
        var image = await fixture.ImageAsync();

        var result = await Runner.RunAsync(new ContainerSpec(image, ["sleep", "30"]) { Timeout = TimeSpan.FromSeconds(2) }, Cancellation);

        result.TimedOut.ShouldBeTrue();
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        await Should.ThrowAsync<DockerContainerNotFoundException>(() => fixture.Engine.Client.Containers.InspectContainerAsync(result.ContainerId, Cancellation));
    }

    [Fact]
    public async Task RunAsync_Cancelled_RemovesTheContainer()
    {
        var image = await fixture.ImageAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        cancel.CancelAfter(TimeSpan.FromSeconds(1));
        var label = Guid.NewGuid().ToString("N");
        var spec = new ContainerSpec(image, ["sleep", "30"]) { Labels = new Dictionary<string, string> { ["trajbuild.test"] = label } };

        await Should.ThrowAsync<OperationCanceledException>(() => Runner.RunAsync(spec, cancel.Token));

        (await ContainerCountAsync($"trajbuild.test={label}")).ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_HugeOutput_IsCappedWithANote()
    {
        var image = await fixture.ImageAsync();

        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["python3", "-c", "import sys; sys.stdout.write('x' * 5000)"]) { OutputLimitBytes = 1000 },
            Cancellation);

        result.Stdout.ShouldStartWith(new string('x', 1000) + "\n[trajbuild: output truncated: 4000 more bytes");
    }

    [Fact]
    public async Task RunAsync_EndlessOutput_WithStopAtOutputLimit_IsStoppedThere()
    {
        var image = await fixture.ImageAsync();

        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["yes", "hostile"]) { OutputLimitBytes = 64 * 1024, StopAtOutputLimit = true, Timeout = TimeSpan.FromSeconds(60) },
            Cancellation);

        result.OutputLimitExceeded.ShouldBeTrue();
        result.TimedOut.ShouldBeFalse();
        result.ExitCode.ShouldBe(137);
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(30), "stopped at the limit, long before the timeout");
        result.Stdout.ShouldStartWith("hostile\nhostile\n");
        result.Stdout.ShouldContain("[trajbuild: output truncated: ");
    }

    [Fact]
    public async Task RunAsync_EndlessOutput_TakesABoundedPartOfTheHostsDisk()
    {
        var image = await fixture.ImageAsync();
        var label = Guid.NewGuid().ToString("N");
        var spec = new ContainerSpec(image, ["yes", "hostile"]) { Timeout = TimeSpan.FromSeconds(6), Labels = new Dictionary<string, string> { ["trajbuild.test"] = label } };

        // The Engine's log files of the container, measured on the host while it prints as fast as it can.
        var run = Runner.RunAsync(spec, Cancellation);
        long largest = 0;
        var measured = 0;
        while (!run.IsCompleted)
        {
            var containers = await fixture.Engine.Client.Containers.ListContainersAsync(
                new Docker.DotNet.Models.ContainersListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"trajbuild.test={label}"] = true } } },
                Cancellation);
            if (containers.Count == 1 && await LogBytesAsync(containers[0].ID) is { } bytes)
            {
                largest = Math.Max(largest, bytes);
                measured++;
            }

            await Task.Delay(100, Cancellation);
        }

        var result = await run;
        if (measured == 0)
        {
            Requires.SkipOrFailInCi("the Engine's log files are not readable from here (a remote Engine, or not root)", ".ci/run runs as root beside its dockerd");
        }

        result.TimedOut.ShouldBeTrue();
        measured.ShouldBeGreaterThan(10);
        largest.ShouldBeGreaterThan(ContainerRunner.LogFileBytes / 4, "it printed enough to matter");
        largest.ShouldBeLessThanOrEqualTo(ContainerRunner.LogFileBytes + (1024 * 1024));
    }

    [Fact]
    public async Task RunAsync_FilesWrittenWithoutEnd_AreStoppedSoonAfterTheDiskLimit()
    {
        var image = await fixture.ImageAsync();

        // 10 MB files, one after the other, each counted once written: the last count says how far it got.
        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["bash", "-c", "i=0; while true; do head -c 10000000 /dev/zero > /tmp/fill-$i; i=$((i+1)); echo $i; done"])
            {
                Limits = new ContainerLimits { DiskBytes = DiskLimit },
                Timeout = TimeSpan.FromSeconds(60),
            },
            Cancellation);

        result.DiskLimitExceeded.ShouldBeTrue(result.Stdout + result.Stderr);
        result.TimedOut.ShouldBeFalse();
        result.ExitCode.ShouldBe(137);
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(20), "stopped at the limit, long before the timeout");
        var written = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).LastOrDefault() * 10_000_000L;
        written.ShouldBeGreaterThanOrEqualTo(DiskLimit - 10_000_000, "it was not stopped before it reached the limit");
        written.ShouldBeLessThan(DiskLimit * 4, "the watch looks often enough near the limit that a fast writer passes it by little");
    }

    [Fact]
    public async Task RunAsync_OneFileWrittenWithoutEnd_IsStoppedAndSaysDiskLimit()
    {
        var image = await fixture.ImageAsync();

        // The file stops growing at the per-file limit (Python ignores SIGXFSZ: the write fails with EFBIG); the run
        // then waits, so only the disk watch can end it before the timeout.
        var script = "import time\ntry:\n    with open('/tmp/huge', 'wb') as out:\n        while True:\n            out.write(b'x' * 1048576)\nexcept OSError as e:\n    print('refused', e.errno, flush=True)\ntime.sleep(60)";
        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["python3", "-c", script]) { Limits = new ContainerLimits { DiskBytes = DiskLimit }, Timeout = TimeSpan.FromSeconds(50) },
            Cancellation);

        result.DiskLimitExceeded.ShouldBeTrue(result.Stdout + result.Stderr);
        result.TimedOut.ShouldBeFalse();
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task RunAsync_WriteAtAnOffsetPastTheDiskLimit_IsRefusedByThePerFileLimit()
    {
        var image = await fixture.ImageAsync();

        // A sparse file: one byte past the limit, refused at once (EFBIG) whatever the disk watch sees.
        var script = $"f = open('/tmp/sparse', 'wb')\nf.seek({DiskLimit})\ntry:\n    f.write(b'x')\n    f.flush()\n    print('written')\nexcept OSError as e:\n    print('refused', e.errno)";
        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["python3", "-c", script]) { Limits = new ContainerLimits { DiskBytes = DiskLimit } },
            Cancellation);
        var limit = await Runner.RunAsync(new ContainerSpec(image, ["bash", "-c", "ulimit -f"]) { Limits = new ContainerLimits { DiskBytes = DiskLimit } }, Cancellation);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBe("refused 27\n", "27 is EFBIG: file too large");
        result.DiskLimitExceeded.ShouldBeFalse();
        limit.Stdout.ShouldBe($"{DiskLimit / 1024}\n", "bash reports the fsize ulimit in KiB");
    }

    [Fact]
    public async Task RunAsync_WritesBelowTheDiskLimit_RunToTheirEnd()
    {
        var image = await fixture.ImageAsync();

        var result = await Runner.RunAsync(
            new ContainerSpec(image, ["bash", "-c", "head -c 30000000 /dev/zero > /tmp/a && head -c 30000000 /dev/zero > /tmp/b && sleep 2 && echo done"])
            {
                Limits = new ContainerLimits { DiskBytes = DiskLimit },
            },
            Cancellation);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBe("done\n");
        result.DiskLimitExceeded.ShouldBeFalse();
    }

    // The size of a container's json-file log and its rotated file, or null when the host's disk is not this one's.
    private async Task<long?> LogBytesAsync(string id)
    {
        string? path;
        try
        {
            path = (await fixture.Engine.Client.Containers.InspectContainerAsync(id, Cancellation)).LogPath;
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }

        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return null;
        }

        return new[] { path, path + ".1" }.Sum(file =>
        {
            try
            {
                return File.Exists(file) ? new FileInfo(file).Length : 0;
            }
            catch (IOException)
            {
                return 0;
            }
        });
    }

    private async Task<int> ContainerCountAsync(string label)
    {
        var containers = await fixture.Engine.Client.Containers.ListContainersAsync(
            new Docker.DotNet.Models.ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } },
            },
            Cancellation);
        return containers.Count;
    }
}
