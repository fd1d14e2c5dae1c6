using System.Globalization;
using Docker.DotNet.Models;

namespace TrajectoryBuild.Containers;

/// <summary>
/// One long-lived container for many commands (an agent's sandbox): created from a <see cref="ContainerSpec"/> with the
/// same fences as <see cref="ContainerRunner"/> (network none, no privileges, no new privileges, cgroup limits), kept
/// alive by its command (e.g. <c>sleep infinity</c>), and driven through the Engine's exec API. Each command gets a
/// wall-clock timeout: it runs under coreutils <c>timeout</c>, which kills its whole process group, and the host stops
/// waiting shortly after. The container is removed on dispose, and when the start fails or is cancelled.
/// </summary>
internal sealed class ContainerSession : IAsyncDisposable
{
    /// <summary>How long past a command's timeout the host waits for its output to end (a process that left the group).</summary>
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(5);

    private readonly DockerEngine _engine;
    private readonly ContainerSpec _spec;
    private readonly TimeProvider _time;
    private int _disposed;

    private ContainerSession(DockerEngine engine, ContainerSpec spec, string id, TimeProvider time)
    {
        _engine = engine;
        _spec = spec;
        _time = time;
        ContainerId = id;
    }

    public string ContainerId { get; }

    /// <summary>Creates and starts the container; on any failure (or cancellation) it is removed before the exception leaves.</summary>
    public static async Task<ContainerSession> StartAsync(DockerEngine engine, ContainerSpec spec, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(spec);
        var created = await engine.Client.Containers.CreateContainerAsync(ContainerRunner.CreateParameters(spec), cancellationToken).ConfigureAwait(false);
        var session = new ContainerSession(engine, spec, created.ID, timeProvider ?? TimeProvider.System);
        try
        {
            await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> (argv) as the spec's user in its working directory, with its environment. Output
    /// is capped at <paramref name="outputLimitBytes"/> per stream (the rest counted and noted). Past
    /// <paramref name="timeout"/> the command's process group is killed and the result says TimedOut (exit code 137).
    /// </summary>
    public async Task<ContainerResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, int outputLimitBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var started = _time.GetTimestamp();
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var exec = await _engine.Client.Exec.CreateContainerExecAsync(ContainerId, new ContainerExecCreateParameters
        {
            Cmd = ["timeout", "--signal=KILL", seconds, .. command],
            User = _spec.User ?? "",
            WorkingDir = _spec.WorkingDirectory,
            Env = [.. _spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")],
            AttachStdout = true,
            AttachStderr = true,
            AttachStdin = false,
        }, cancellationToken).ConfigureAwait(false);

        using var stdout = new CappedOutput(outputLimitBytes);
        using var stderr = new CappedOutput(outputLimitBytes);
        var hostGaveUp = false;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(timeout + s_grace);
            try
            {
                using var stream = await _engine.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false }, deadline.Token).ConfigureAwait(false);
                await stream.CopyOutputToAsync(Stream.Null, stdout, stderr, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Something the command started outside its process group still holds the output open: stop reading.
                hostGaveUp = true;
            }
        }

        var duration = _time.GetElapsedTime(started);
        var inspect = await _engine.Client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false);
        var exitCode = inspect.Running ? 137 : inspect.ExitCode ?? 137;
        var timedOut = hostGaveUp || (exitCode == 137 && duration >= timeout);
        return new ContainerResult(exitCode, stdout.Text(), stderr.Text(), timedOut, OomKilled: false, duration) { ContainerId = ContainerId };
    }

    /// <summary>Removes the container (forced); safe to call twice; never uses a caller's token, so cancellation cannot leak it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _engine.Client.Containers.RemoveContainerAsync(ContainerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None).ConfigureAwait(false);
    }
}
