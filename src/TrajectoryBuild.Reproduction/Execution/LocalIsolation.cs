using System.Diagnostics;
using System.Globalization;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// How far the local executor can fence a run on this host. Best: util-linux <c>unshare</c> gives the run its own
/// network namespace (no network at all) and PID namespace (killing it kills every process the run started), and, when
/// the build runs as root, <c>setpriv</c> switches each run to a uid of its own (<see cref="LocalRunUids"/>): no run can
/// enter another's folder, and the process limit (<c>ulimit -u</c>, counted per uid) is each run's own. Fallback: a plain
/// child process (network reachable, processes killed as a tree). Either way it is not a container, and every report
/// says so.
/// </summary>
internal sealed record LocalIsolation(IReadOnlyList<string> Namespaces, bool OwnUsers, string Description)
{
    private static readonly Lazy<LocalIsolation> s_host = new(Probe);

    public static LocalIsolation Host => s_host.Value;

    /// <summary>One run's fence: with <see cref="OwnUsers"/>, a uid no other run holds until the fence is disposed.</summary>
    public LocalFence Enter() => new(this, OwnUsers && !OperatingSystem.IsWindows() ? LocalRunUids.Acquire() : null);

    /// <summary>The argv prefix that runs a command as <paramref name="uid"/>, with its groups cleared.</summary>
    internal static string[] SwitchTo(int uid)
    {
        var id = uid.ToString(CultureInfo.InvariantCulture);
        return ["setpriv", $"--reuid={id}", $"--regid={id}", "--clear-groups", "--"];
    }

    private static LocalIsolation Probe()
    {
        var root = Environment.UserName == "root";
        string[] namespaces = root
            ? ["unshare", "--net", "--pid", "--fork", "--kill-child", "--mount-proc", "--"]
            : ["unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "--mount-proc", "--"];
        if (!Works([.. namespaces, "true"]))
        {
            return new LocalIsolation([], false, "no namespaces (unshare unavailable or not permitted): the network is reachable and only the process tree is killed on timeout");
        }

        if (root && Works([.. namespaces, .. SwitchTo(LocalRunUids.FirstUid), "true"]))
        {
            return new LocalIsolation(namespaces, true, "own network and PID namespaces, as a uid of its own, with ulimits");
        }

        return new LocalIsolation(namespaces, false, "own network and PID namespaces, with ulimits");
    }

    private static bool Works(string[] argv)
    {
        try
        {
            var start = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in argv.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(10_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>
/// One local run's (or sandbox's) fence, from <see cref="LocalIsolation.Enter"/>: the argv prefix its commands run
/// under and, when the build is root, the uid it holds. Disposing gives the uid back.
/// </summary>
internal sealed class LocalFence(LocalIsolation isolation, LocalRunUid? user) : IDisposable
{
    /// <summary>The namespaces, then the switch to the run's uid when it has one.</summary>
    public IReadOnlyList<string> Prefix { get; } = user is null ? isolation.Namespaces : [.. isolation.Namespaces, .. LocalIsolation.SwitchTo(user.Uid)];

    /// <summary>The run's own uid (and gid), or null when it runs as the build's user.</summary>
    public int? Uid => user?.Uid;

    /// <summary>
    /// Gives <paramref name="folder"/> (the run's folder, made by the build) to the run's uid, mode 0700 at the top: the
    /// run may do what it likes in it, and no other run can enter it. The build, as root, still removes it afterwards.
    /// Nothing to do without a uid of its own.
    /// </summary>
    public async Task GiveAsync(string folder, CancellationToken cancellationToken)
    {
        if (user is null || OperatingSystem.IsWindows())
        {
            return;
        }

        await Containers.ProcessRunner.RunAsync("chown", ["-R", "--no-dereference", user.Owner, folder], _ => { }, cancellationToken).ConfigureAwait(false);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => user?.Dispose();
}
