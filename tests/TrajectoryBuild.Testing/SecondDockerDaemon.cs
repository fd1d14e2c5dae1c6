using System.Diagnostics;
using System.Globalization;

namespace TrajectoryBuild.Testing;

/// <summary>
/// A second Docker Engine on a loopback TCP port, with its own data and exec roots: a "remote" engine for the tests
/// that point a build at <c>DOCKER_HOST=tcp://...</c>. Needs root and <c>dockerd</c>; stopped (SIGTERM, so it unmounts
/// its layers) and deleted on dispose.
/// </summary>
public sealed class SecondDockerDaemon : IDisposable
{
    private readonly string _root;
    private Process? _process;

    private SecondDockerDaemon(string root, int port)
    {
        _root = root;
        Port = port;
    }

    /// <summary>The dockerd program, or null when it is not installed.</summary>
    public static string? Program => File.Exists("/usr/sbin/dockerd") ? "/usr/sbin/dockerd" : File.Exists("/usr/bin/dockerd") ? "/usr/bin/dockerd" : null;

    /// <summary>The TCP port it listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>Its <c>DOCKER_HOST</c> value.</summary>
    public string Host => string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{Port}");

    /// <summary>Starts a daemon on a free port and waits until its API answers.</summary>
    /// <returns>The running daemon.</returns>
    public static async Task<SecondDockerDaemon> StartAsync()
    {
        var root = Path.Combine("/tmp", "trajbuild-dockerd-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var daemon = new SecondDockerDaemon(root, LoopbackPort.Free());
        daemon._process = Process.Start(new ProcessStartInfo(Program ?? throw new InvalidOperationException("dockerd is not installed"),
        [
            "-H", daemon.Host, "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "exec"),
            "--pidfile", Path.Combine(root, "docker.pid"), "--bridge=none", "--iptables=false", "--ip-masq=false",
        ])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        for (var i = 0; i < 300; i++)
        {
            if (daemon._process.HasExited)
            {
                throw new InvalidOperationException($"the second dockerd exited with {daemon._process.ExitCode}: {await daemon._process.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
            }

            var (code, _, _) = await Docker(daemon.Host, ["version", "--format", "{{.Server.Version}}"]).ConfigureAwait(false);
            if (code == 0)
            {
                return daemon;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        daemon.Dispose();
        throw new TimeoutException("the second dockerd did not answer within 30 s");
    }

    /// <summary>Runs the docker CLI against an engine (<paramref name="host"/> null: the default one).</summary>
    /// <param name="host">A <c>DOCKER_HOST</c> value, or null.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="pipeTo">A docker CLI run whose stdin receives this run's stdout (for <c>save | load</c>), or null.</param>
    /// <returns>The exit code and the output.</returns>
    public static async Task<(int Code, string Stdout, string Stderr)> Docker(string? host, IReadOnlyList<string> args, (string? Host, IReadOnlyList<string> Args)? pipeTo = null)
    {
        using var first = Start(host, args, redirectInput: false);
        if (pipeTo is not { } next)
        {
            var stdout = first.StandardOutput.ReadToEndAsync();
            var stderr = first.StandardError.ReadToEndAsync();
            await first.WaitForExitAsync().ConfigureAwait(false);
            return (first.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }

        using var second = Start(next.Host, next.Args, redirectInput: true);
        var copy = first.StandardOutput.BaseStream.CopyToAsync(second.StandardInput.BaseStream);
        var firstErrors = first.StandardError.ReadToEndAsync();
        var output = second.StandardOutput.ReadToEndAsync();
        var errors = second.StandardError.ReadToEndAsync();
        await copy.ConfigureAwait(false);
        second.StandardInput.Close();
        await first.WaitForExitAsync().ConfigureAwait(false);
        await second.WaitForExitAsync().ConfigureAwait(false);
        return (first.ExitCode != 0 ? first.ExitCode : second.ExitCode, await output.ConfigureAwait(false), await firstErrors.ConfigureAwait(false) + await errors.ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                term.WaitForExit();
            }

            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A layer still mounted: the folder under /tmp is left for the OS to clean.
        }
    }

    private static Process Start(string? host, IReadOnlyList<string> args, bool redirectInput)
    {
        var info = new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput };
        if (host is not null)
        {
            info.Environment["DOCKER_HOST"] = host;
        }
        else
        {
            info.Environment.Remove("DOCKER_HOST");
        }

        return Process.Start(info)!;
    }
}
