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

    /// <summary>The <c>ulimit</c> lines that put <paramref name="limits"/> on a script (processes, virtual memory).</summary>
    public static string Limits(ContainerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return $"ulimit -u {limits.Pids} 2>/dev/null; ulimit -v {limits.MemoryBytes / 1024} 2>/dev/null\n";
    }

    public static Task<ContainerResult> RunAsync(
        LocalFence fence, LocalRunFolder folder, string script, TimeSpan timeout, int outputLimitBytes, CancellationToken cancellationToken) =>
        RunAsync(fence, folder, script, timeout, outputLimitBytes, stopAtOutputLimit: false, cancellationToken);

    /// <summary>
    /// The script's run in <paramref name="folder"/>'s testbed (HOME and TMPDIR in the folder too), under
    /// <paramref name="fence"/>; with <paramref name="stopAtOutputLimit"/>, killed once its stdout or stderr passes the limit.
    /// </summary>
    public static async Task<ContainerResult> RunAsync(
        LocalFence fence, LocalRunFolder folder, string script, TimeSpan timeout, int outputLimitBytes, bool stopAtOutputLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fence);
        ArgumentNullException.ThrowIfNull(folder);
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
        using var stdout = new CappedOutput(outputLimitBytes, stopAtOutputLimit ? overflow.Cancel : null);
        using var stderr = new CappedOutput(outputLimitBytes, stopAtOutputLimit ? overflow.Cancel : null);
        var reading = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None), process.StandardError.BaseStream.CopyToAsync(stderr, CancellationToken.None));
        var timedOut = false;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, overflow.Token))
        {
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = !cancellationToken.IsCancellationRequested && !overflow.IsCancellationRequested;

                // Killing unshare kills the PID namespace's first process, and with it every process of the run.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
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
        };
    }
}
