using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace TrajectoryBuild.Containers;

/// <summary>
/// Runs one command in a fresh container: network none, no privileges, cgroup limits, a wall-clock
/// timeout, folders copied in and out through the Engine's archive API (the host is never mounted).
/// Its output is read while it runs; the Engine's copy on the host's disk is bounded (<see cref="LogFileBytes"/>),
/// and a run that asks for it is stopped once its output passes the limit. What it writes is bounded too: no file past
/// the disk limit (the <c>fsize</c> ulimit), and a run whose writable layer reaches the limit is stopped
/// (<see cref="DiskWatch"/>). The container is always removed, also on failure or cancellation.
/// </summary>
internal sealed class ContainerRunner(DockerEngine engine, TimeProvider? timeProvider = null)
{
    /// <summary>
    /// The most a container's output takes on the host's disk (the Engine's json-file log, two files of half this):
    /// a task printing without end fills no disk, whatever the timeout.
    /// </summary>
    public const long LogFileBytes = 64L * 1024 * 1024;

    /// <summary>How long after the container stopped its output may take to arrive.</summary>
    private static readonly TimeSpan s_drain = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<ContainerResult> RunAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var created = await engine.Client.Containers.CreateContainerAsync(CreateParameters(spec), cancellationToken).ConfigureAwait(false);
        var id = created.ID;
        try
        {
            foreach (var copy in spec.CopyIn)
            {
                await CopyInAsync(id, copy, cancellationToken).ConfigureAwait(false);
            }

            await engine.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            using var stop = new RunStop();
            using var stdout = new CappedOutput(spec.OutputLimitBytes, spec.StopAtOutputLimit ? () => stop.Stop(Ending.OutputLimit) : null);
            using var stderr = new CappedOutput(spec.OutputLimitBytes, spec.StopAtOutputLimit ? () => stop.Stop(Ending.OutputLimit) : null);
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var logs = FollowLogsAsync(id, stdout, stderr, reading.Token);
            Ending ending;
            using (var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var watch = WatchDiskAsync(id, spec.Limits.DiskBytes, stop, watching.Token);
                ending = await WaitAsync(id, spec.Timeout, stop, cancellationToken).ConfigureAwait(false);
                await watching.CancelAsync().ConfigureAwait(false);
                await watch.ConfigureAwait(false);
            }

            var duration = _time.GetElapsedTime(started);
            await DrainAsync(logs, reading, cancellationToken).ConfigureAwait(false);

            // The followed stream is there to stop a run early; the result reads the stopped container's log once
            // more. A follow that starts as a fast container exits can end with nothing read (seen on CI: a 5,000-byte
            // print came back empty), while a read of a stopped container's log is complete.
            var (outText, errText) = await ReadLogsAsync(id, spec.OutputLimitBytes, cancellationToken).ConfigureAwait(false);
            var inspected = await engine.Client.Containers.InspectContainerAsync(id, new ContainerInspectParameters { IncludeSize = true }, cancellationToken).ConfigureAwait(false);
            var state = inspected.State ?? throw new InvalidOperationException($"the engine reported no state for container {id}");

            // Also a run that ended by itself: one that wrote a file up to the per-file limit (the disk limit) and went on.
            var diskLimit = ending == Ending.DiskLimit || (inspected.SizeRw ?? 0) >= spec.Limits.DiskBytes;
            var missing = new List<string>();
            foreach (var copy in spec.CopyOut)
            {
                if (!await CopyOutAsync(id, copy, cancellationToken).ConfigureAwait(false))
                {
                    missing.Add(copy.ContainerPath);
                }
            }

            string? committed = null;
            if (spec.CommitAs is { } commit && state.ExitCode == 0 && ending == Ending.Exited && !state.OOMKilled && !diskLimit)
            {
                committed = await CommitAsync(id, commit, cancellationToken).ConfigureAwait(false);
            }

            return new ContainerResult(state.ExitCode, outText, errText, ending == Ending.TimedOut, state.OOMKilled, duration)
            {
                ContainerId = id,
                MissingOutputs = missing,
                CommittedImageId = committed,
                OutputLimitExceeded = ending == Ending.OutputLimit,
                DiskLimitExceeded = diskLimit,
            };
        }
        finally
        {
            // Not the caller's token: a cancelled run must still leave no container behind.
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The engine parameters of <paramref name="spec"/>: network none, no privileges, no new privileges, the limits (shared with <see cref="ContainerSession"/>).</summary>
    internal static CreateContainerParameters CreateParameters(ContainerSpec spec) => new()
    {
        Image = spec.Image,
        Cmd = [.. spec.Command],
        WorkingDir = spec.WorkingDirectory,
        Env = [.. spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")],
        User = spec.User ?? "",
        NetworkDisabled = !spec.HostNetwork,
        Labels = new Dictionary<string, string>(spec.Labels) { ["trajbuild.run"] = "true" },
        HostConfig = new HostConfig
        {
            NetworkMode = spec.HostNetwork ? "host" : "none",
            Privileged = false,
            SecurityOpt = ["no-new-privileges"],
            Memory = spec.Limits.MemoryBytes,
            MemorySwap = spec.Limits.MemoryBytes,
            PidsLimit = spec.Limits.Pids,
            NanoCPUs = spec.Limits.NanoCpus,

            // No file grows past the disk limit, however fast it is written (bytes, as Docker passes it to setrlimit).
            Ulimits = [new Ulimit { Name = "fsize", Soft = spec.Limits.DiskBytes, Hard = spec.Limits.DiskBytes }],
            LogConfig = new LogConfig
            {
                Type = "json-file",
                Config = new Dictionary<string, string>
                {
                    ["max-size"] = (LogFileBytes / 2).ToString(CultureInfo.InvariantCulture),
                    ["max-file"] = "2",
                },
            },
        },
    };

    private async Task<string> CommitAsync(string id, ImageCommit commit, CancellationToken cancellationToken)
    {
        var parameters = new CommitContainerChangesParameters
        {
            ContainerID = id,
            RepositoryName = commit.Repository,
            Tag = commit.Tag,
            Labels = new Dictionary<string, string>(commit.Labels),
            WorkingDir = commit.WorkingDirectory ?? "/",
            Cmd = ["bash"],
        };
        var response = await engine.Client.Images.CommitContainerChangesAsync(parameters, cancellationToken).ConfigureAwait(false);
        return response.ID;
    }

    /// <summary>
    /// Stops the run once its writable layer (the engine's <c>SizeRw</c>, the size of what it wrote, files it changed
    /// included) reaches <paramref name="limit"/>. A watch that fails stops the run too, and its error is the run's.
    /// </summary>
    private async Task WatchDiskAsync(string id, long limit, RunStop stop, CancellationToken cancellationToken)
    {
        try
        {
            if (await DiskWatch.UntilLimitAsync(async ct => await WrittenBytesAsync(id, ct).ConfigureAwait(false), limit, _time, cancellationToken).ConfigureAwait(false))
            {
                stop.Stop(Ending.DiskLimit);
            }
        }
        catch (DockerContainerNotFoundException)
        {
            // Removed from outside: the wait reports it.
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            stop.Stop(Ending.WatchFailed);
            throw;
        }
    }

    private async Task<long> WrittenBytesAsync(string id, CancellationToken cancellationToken) =>
        (await engine.Client.Containers.InspectContainerAsync(id, new ContainerInspectParameters { IncludeSize = true }, cancellationToken).ConfigureAwait(false)).SizeRw ?? 0;

    /// <summary>Waits for the exit; past the timeout, or once <paramref name="stop"/> is called, kills the container.</summary>
    private async Task<Ending> WaitAsync(string id, TimeSpan timeout, RunStop stop, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        deadline.CancelAfter(timeout);
        try
        {
            await engine.Client.Containers.WaitContainerAsync(id, deadline.Token).ConfigureAwait(false);
            return Ending.Exited;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await engine.Client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "KILL" }, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict)
            {
                // It exited between the deadline and the kill.
            }

            await engine.Client.Containers.WaitContainerAsync(id, cancellationToken).ConfigureAwait(false);
            return stop.Reason is { } reason ? reason : Ending.TimedOut;
        }
    }

    private async Task CopyInAsync(string id, ContainerCopy copy, CancellationToken cancellationToken)
    {
        // A temp file, not memory: a repository can be hundreds of megabytes.
        var tar = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (tar.ConfigureAwait(false))
        {
            await ContainerArchive.WriteAsync(copy.HostPath, copy.ContainerPath, tar, cancellationToken).ConfigureAwait(false);
            tar.Position = 0;
            await engine.Client.Containers.ExtractArchiveToContainerAsync(id, new CopyToContainerParameters { Path = "/" }, tar, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> CopyOutAsync(string id, ContainerCopy copy, CancellationToken cancellationToken)
    {
        try
        {
            var archive = await engine.Client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = copy.ContainerPath }, statOnly: false, cancellationToken).ConfigureAwait(false);
            var stream = archive.Stream ?? throw new InvalidOperationException($"the engine sent no archive for {copy.ContainerPath}");
            // Spooled to a temp file first: TarReader's reads straight from the engine's chunked
            // response stream end in EndOfStreamException (Docker.DotNet.Enhanced 4.3.3).
            var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            await using (spool.ConfigureAwait(false))
            {
                await stream.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
                spool.Position = 0;
                await ContainerArchive.ExtractAsync(spool, copy.HostPath, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<(string Stdout, string Stderr)> ReadLogsAsync(string id, int limit, CancellationToken cancellationToken)
    {
        using var stdout = new CappedOutput(limit);
        using var stderr = new CappedOutput(limit);
        using var logs = await engine.Client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken).ConfigureAwait(false);
        await logs.CopyOutputToAsync(Stream.Null, stdout, stderr, cancellationToken).ConfigureAwait(false);
        return (stdout.Text(), stderr.Text());
    }

    // Reads the output as it comes (from the start: what came before this call too) until the container stops.
    private async Task FollowLogsAsync(string id, CappedOutput stdout, CappedOutput stderr, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = true };
        using var logs = await engine.Client.Containers.GetContainerLogsAsync(id, parameters, cancellationToken).ConfigureAwait(false);
        await logs.CopyOutputToAsync(Stream.Null, stdout, stderr, cancellationToken).ConfigureAwait(false);
    }

    // The output ends soon after the container stopped; a stream that does not is given up, keeping what was read.
    private static async Task DrainAsync(Task logs, CancellationTokenSource reading, CancellationToken cancellationToken)
    {
        try
        {
            await logs.WaitAsync(s_drain, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await reading.CancelAsync().ConfigureAwait(false);
            try
            {
                await logs.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private enum Ending
    {
        Exited,
        TimedOut,
        OutputLimit,
        DiskLimit,
        WatchFailed,
    }

    /// <summary>Stops a run early, once, for the first reason given.</summary>
    private sealed class RunStop : IDisposable
    {
        private readonly CancellationTokenSource _source = new();
        private int _reason = -1;

        public CancellationToken Token => _source.Token;

        public Ending? Reason => Volatile.Read(ref _reason) is var reason and >= 0 ? (Ending)reason : null;

        public void Stop(Ending reason)
        {
            if (Interlocked.CompareExchange(ref _reason, (int)reason, -1) == -1)
            {
                _source.Cancel();
            }
        }

        public void Dispose() => _source.Dispose();
    }
}
