using System.Diagnostics;
using System.Globalization;
using TrajectoryBuild.Containers;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// One bash script on the host, fenced as far as <see cref="LocalIsolation"/> allows: a clean environment (PATH
/// <see cref="LocalTaskExecutor.SearchPath"/>), a wall-clock timeout that kills the whole run, capped output. Shared by
/// the local executor and the reference agent's local sandbox. Not hermetic.
/// </summary>
internal static class LocalScript
{
    /// <summary>The name runs with a uid of their own go by (USER, LOGNAME): the test user's in the images.</summary>
    private const string TestUserName = "trajbuild";

    /// <summary>
    /// The <c>ulimit</c> lines that put <paramref name="limits"/> on a script: processes, virtual memory, and the size of
    /// any one file it writes (the disk limit; bash counts it in KiB).
    /// </summary>
    public static string Limits(ContainerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return $"ulimit -u {limits.Pids} 2>/dev/null; ulimit -v {limits.MemoryBytes / 1024} 2>/dev/null; ulimit -f {limits.DiskBytes / 1024} 2>/dev/null\n";
    }

    public static Task<ContainerResult> RunAsync(
        LocalFence fence, LocalRunFolder folder, string script, TimeSpan timeout, int outputLimitBytes, CancellationToken cancellationToken) =>
        RunAsync(fence, folder, script, timeout, outputLimitBytes, stopAtOutputLimit: false, diskLimitBytes: null, cancellationToken);

    /// <summary>
    /// The script's run in <paramref name="folder"/>'s testbed (HOME and TMPDIR in the folder too), under
    /// <paramref name="fence"/>; with <paramref name="stopAtOutputLimit"/>, killed once its stdout or stderr passes the
    /// limit; with <paramref name="diskLimitBytes"/>, killed once it has added that much to its folder (<see cref="DiskWatch"/>).
    /// </summary>
    public static async Task<ContainerResult> RunAsync(
        LocalFence fence, LocalRunFolder folder, string script, TimeSpan timeout, int outputLimitBytes, bool stopAtOutputLimit, long? diskLimitBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fence);
        ArgumentNullException.ThrowIfNull(folder);

        // What the run writes is what it adds to its folder as the build made it.
        var baseline = diskLimitBytes is null ? 0 : folder.Bytes();
        var argv = fence.Prefix.Concat(["bash", "-c", script]).ToList();
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Testbed,
        };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = LocalTaskExecutor.SearchPath;
        start.Environment["HOME"] = folder.Home;
        start.Environment["TMPDIR"] = folder.Tmp;
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        if (fence.Uid is not null)
        {
            // A run's uid has no account: tools that ask for the user's name (getpass, pytest's tmp_path) get the images' test user.
            start.Environment["USER"] = TestUserName;
            start.Environment["LOGNAME"] = TestUserName;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {argv[0]}");
        process.StandardInput.Close();
        using var overflow = new CancellationTokenSource();
        using var diskFull = new CancellationTokenSource();
        using var stdout = new CappedOutput(outputLimitBytes, stopAtOutputLimit ? overflow.Cancel : null);
        using var stderr = new CappedOutput(outputLimitBytes, stopAtOutputLimit ? overflow.Cancel : null);
        var reading = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None), process.StandardError.BaseStream.CopyToAsync(stderr, CancellationToken.None));
        var timedOut = false;
        using (var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, overflow.Token, diskFull.Token))
        {
            var watch = diskLimitBytes is { } limit ? WatchDiskAsync(folder, baseline, limit, diskFull, watching.Token) : Task.CompletedTask;
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = !cancellationToken.IsCancellationRequested && !overflow.IsCancellationRequested && !diskFull.IsCancellationRequested;

                // Killing unshare kills the PID namespace's first process, and with it every process of the run.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                await watching.CancelAsync().ConfigureAwait(false);
                await watch.ConfigureAwait(false);
            }
        }

        try
        {
            await reading.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A process that escaped the kill still holds the pipes: keep what was read.
        }

        return new ContainerResult(timedOut ? 137 : process.ExitCode, stdout.Text(), stderr.Text(), timedOut, OomKilled: false, stopwatch.Elapsed)
        {
            ContainerId = "local:" + process.Id.ToString(CultureInfo.InvariantCulture),
            OutputLimitExceeded = overflow.IsCancellationRequested,

            // Also a run that ended by itself: one that wrote a file up to the per-file limit (the disk limit) and went on.
            DiskLimitExceeded = diskFull.IsCancellationRequested || (diskLimitBytes is { } cap && folder.Bytes() - baseline >= cap),
        };
    }

    private static async Task WatchDiskAsync(LocalRunFolder folder, long baseline, long limit, CancellationTokenSource diskFull, CancellationToken cancellationToken)
    {
        if (await DiskWatch.UntilLimitAsync(ct => Task.Run(() => folder.Bytes() - baseline, ct), limit, TimeProvider.System, cancellationToken).ConfigureAwait(false))
        {
            await diskFull.CancelAsync().ConfigureAwait(false);
        }
    }
}
