using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TrajectoryBuild.Testing;

/// <summary>
/// A real nginx on 127.0.0.1 serving a folder with WebDAV PUT under <c>/cache/</c>: the shared cache of the remote
/// cache tests. Started in the foreground (<c>daemon off</c>) as a child process; stopped on dispose.
/// </summary>
public sealed class NginxWebDav : IDisposable
{
    private static readonly string[] s_programs = ["/usr/sbin/nginx", "/usr/bin/nginx"];
    private readonly TempDirectory _temp = new();
    private Process? _process;

    private NginxWebDav(int port, bool refuseWrites)
    {
        Port = port;
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(_temp.Combine("nginx.conf"), $$"""
            daemon off;
            user root;
            worker_processes 1;
            error_log {{_temp.Path}}/error.log;
            pid {{_temp.Path}}/nginx.pid;
            events { worker_connections 64; }
            http {
              client_body_temp_path {{_temp.Path}}/body;
              proxy_temp_path {{_temp.Path}}/proxy;
              fastcgi_temp_path {{_temp.Path}}/fastcgi;
              uwsgi_temp_path {{_temp.Path}}/uwsgi;
              scgi_temp_path {{_temp.Path}}/scgi;
              access_log {{_temp.Path}}/access.log;
              server {
                listen 127.0.0.1:{{port}};
                location /cache/ {
                  root {{_temp.Path}}/data;
                  dav_methods PUT;
                  create_full_put_path on;
                  client_max_body_size 1g;
                  {{(refuseWrites ? "limit_except GET HEAD { deny all; }" : string.Empty)}}
                }
              }
            }
            """);
    }

    /// <summary>The nginx program, or null when it is not installed.</summary>
    public static string? Program => s_programs.FirstOrDefault(File.Exists);

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The cache's URL.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/cache/");

    /// <summary>The folder behind <c>/cache/</c>.</summary>
    public string CacheDirectory => Path.Combine(DataDirectory, "cache");

    /// <summary>Requests nginx logged (method and path), in order.</summary>
    public IReadOnlyList<string> Requests =>
        File.Exists(_temp.Combine("access.log")) ? [.. File.ReadAllLines(_temp.Combine("access.log")).Select(l => l.Split('"')[1])] : [];

    private string DataDirectory => _temp.Combine("data");

    /// <summary>Starts nginx on a free loopback port and waits until it answers.</summary>
    /// <param name="refuseWrites">Answer every PUT with 403, as a cache whose credentials only allow reading does.</param>
    /// <returns>The running server.</returns>
    public static async Task<NginxWebDav> StartAsync(bool refuseWrites = false)
    {
        var server = new NginxWebDav(LoopbackPort.Free(), refuseWrites);
        await server.RestartAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts it again after <see cref="Stop"/>.</summary>
    /// <returns>A task that completes when it answers.</returns>
    public async Task RestartAsync()
    {
        var program = Program ?? throw new InvalidOperationException("nginx is not installed");
        _process = Process.Start(new ProcessStartInfo(program, ["-p", _temp.Path, "-c", _temp.Combine("nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
                }

                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"nginx did not answer on port {Port}");
    }

    /// <summary>Stops nginx (the port then refuses connections).</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop();
        _temp.Dispose();
    }
}
