using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TrajectoryBuild.MacroBench.Runs;

/// <summary>
/// nginx on 127.0.0.1 serving <c>FOLDER/data</c> with WebDAV PUT under <c>/cache/</c> (the remote cache as the tests and
/// docs/remote-cache.md run it), its data kept between runs; stopped on dispose.
/// </summary>
internal sealed class NginxServer : IDisposable
{
    private static readonly string[] s_programs = ["/usr/sbin/nginx", "/usr/bin/nginx"];
    private readonly Process _process;

    private NginxServer(Process process, int port)
    {
        _process = process;
        Url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/cache/");
    }

    public string Url { get; }

    public static string? Program => s_programs.FirstOrDefault(File.Exists);

    public static async Task<NginxServer> StartAsync(string folder, CancellationToken cancellationToken)
    {
        var program = Program ?? throw new MacroBenchFailedException("nginx is required for the remote cache benchmark: apt-get install nginx-light (or leave 'cache' out of --benchmarks)");
        var port = FreePort();
        Directory.CreateDirectory(Path.Combine(folder, "data", "cache"));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            {{(Environment.UserName == "root" ? "user root;" : string.Empty)}}
            worker_processes 1;
            error_log {{folder}}/error.log;
            pid {{folder}}/nginx.pid;
            events { worker_connections 256; }
            http {
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              access_log off;
              server {
                listen 127.0.0.1:{{port}};
                location /cache/ {
                  root {{folder}}/data;
                  dav_methods PUT;
                  create_full_put_path on;
                  client_max_body_size 1g;
                }
              }
            }
            """, cancellationToken).ConfigureAwait(false);
        var process = Process.Start(new ProcessStartInfo(program, ["-p", folder, "-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new MacroBenchFailedException($"could not start {program}");
        var server = new NginxServer(process, port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                    server.Dispose();
                    throw new MacroBenchFailedException($"nginx exited with {process.ExitCode}: {error.Trim()}");
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        server.Dispose();
        throw new MacroBenchFailedException($"nginx did not answer on 127.0.0.1:{port} within 5 s; see {folder}/error.log");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
