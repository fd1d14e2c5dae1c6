using System.Diagnostics;
using System.Globalization;

namespace TrajectoryBuild.Testing;

/// <summary>
/// A second Docker Engine on a loopback TCP port, with its own data and exec roots: a "remote" engine for the tests
/// that point a build at <c>DOCKER_HOST=tcp://...</c>, or, started with certificates, one that speaks TLS only and
/// accepts only clients with a certificate its CA signed. Needs root and <c>dockerd</c>; stopped (SIGTERM, so it
/// unmounts its layers) and deleted on dispose.
/// </summary>
public sealed class SecondDockerDaemon : IDisposable
{
    private readonly string _root;
    private readonly TestCertificates? _tls;
    private Process? _process;

    private SecondDockerDaemon(string root, int port, TestCertificates? tls)
    {
        _root = root;
        Port = port;
        _tls = tls;
    }

    /// <summary>The dockerd program, or null when it is not installed.</summary>
    public static string? Program => File.Exists("/usr/sbin/dockerd") ? "/usr/sbin/dockerd" : File.Exists("/usr/bin/dockerd") ? "/usr/bin/dockerd" : null;

    /// <summary>The TCP port it listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>Its <c>DOCKER_HOST</c> value.</summary>
    public string Host => string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{Port}");

    /// <summary>
    /// What a client sets to reach it: <c>DOCKER_HOST</c>, and with TLS <c>DOCKER_TLS_VERIFY</c> and <c>DOCKER_CERT_PATH</c>
    /// (the folder with the CA and the client certificate).
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => _tls is null
        ? new Dictionary<string, string> { ["DOCKER_HOST"] = Host }
        : new Dictionary<string, string> { ["DOCKER_HOST"] = Host, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = _tls.Folder };

    /// <summary>Starts a daemon on a free port and waits until its API answers.</summary>
    /// <param name="tls">Certificates: the daemon then speaks TLS only and verifies clients (<c>--tlsverify</c>).</param>
    /// <returns>The running daemon.</returns>
    public static async Task<SecondDockerDaemon> StartAsync(TestCertificates? tls = null)
    {
        var root = Path.Combine("/tmp", "trajbuild-dockerd-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var daemon = new SecondDockerDaemon(root, LoopbackPort.Free(), tls);
        string[] secured = tls is null ? [] : ["--tlsverify", "--tlscacert", tls.CaCertificate, "--tlscert", tls.ServerCertificate, "--tlskey", tls.ServerKey];
        daemon._process = Process.Start(new ProcessStartInfo(Program ?? throw new InvalidOperationException("dockerd is not installed"),
        [
            "-H", daemon.Host, .. secured, "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "exec"),
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

            var (code, _, _) = await DockerWith(daemon.ClientEnvironment, ["version", "--format", "{{.Server.Version}}"]).ConfigureAwait(false);
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
    public static Task<(int Code, string Stdout, string Stderr)> Docker(string? host, IReadOnlyList<string> args, (string? Host, IReadOnlyList<string> Args)? pipeTo = null) =>
        DockerWith(EnvironmentOf(host), args, pipeTo is { } next ? (EnvironmentOf(next.Host), next.Args) : null);

    /// <summary>Runs the docker CLI against the engine a client environment names (<see cref="ClientEnvironment"/>; null: the default one).</summary>
    /// <param name="environment">DOCKER_HOST and the TLS variables, or null.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="pipeTo">A docker CLI run whose stdin receives this run's stdout, or null.</param>
    /// <returns>The exit code and the output.</returns>
    public static async Task<(int Code, string Stdout, string Stderr)> DockerWith(
        IReadOnlyDictionary<string, string>? environment, IReadOnlyList<string> args, (IReadOnlyDictionary<string, string>? Environment, IReadOnlyList<string> Args)? pipeTo = null)
    {
        using var first = Start(environment, args, redirectInput: false);
        if (pipeTo is not { } next)
        {
            var stdout = first.StandardOutput.ReadToEndAsync();
            var stderr = first.StandardError.ReadToEndAsync();
            await first.WaitForExitAsync().ConfigureAwait(false);
            return (first.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }

        using var second = Start(next.Environment, next.Args, redirectInput: true);
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

    private static Dictionary<string, string>? EnvironmentOf(string? host) => host is null ? null : new() { ["DOCKER_HOST"] = host };

    private static Process Start(IReadOnlyDictionary<string, string>? environment, IReadOnlyList<string> args, bool redirectInput)
    {
        var info = new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput };
        foreach (var variable in new[] { "DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH" })
        {
            info.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }
}
