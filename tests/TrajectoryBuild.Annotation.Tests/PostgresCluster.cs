using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster on 127.0.0.1 and a free port (initdb into a temp folder, pg_ctl start), run as the
/// unprivileged <c>postgres</c> user when the tests run as root (PostgreSQL refuses root). One per test class.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private string? _bin;
    private int _databases;

    public string? Problem { get; private set; }

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;
        if (_bin is null)
        {
            Problem = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)";
            return;
        }

        Port = FreePort();
        var data = Path.Combine(_temp.Path, "data");
        Directory.CreateDirectory(data);
        if (IsRoot())
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _temp.Path]);
        }

        await RunPgAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await RunPgAsync("pg_ctl", ["-D", data, "-l", Path.Combine(_temp.Path, "log"), "-w", "-o", $"-h 127.0.0.1 -p {Port} -k {_temp.Path} -F", "start"]);
    }

    /// <summary>A fresh database in the cluster; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"annotate{Interlocked.Increment(ref _databases)}";
        await using var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Maximum Pool Size=20";
    }

    public void Require()
    {
        if (Problem is not null)
        {
            Requires.SkipOrFailInCi(Problem, ".ci/run installs postgresql (need_postgres)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_bin is not null && Problem is null && Port != 0)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await RunPgAsync("pg_ctl", ["-D", Path.Combine(_temp.Path, "data"), "-m", "immediate", "-w", "stop"]);
        }

        _temp.Dispose();
    }

    private Task RunPgAsync(string tool, string[] args) =>
        IsRoot() ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin!, tool), .. args]) : RunAsync(Path.Combine(_bin!, tool), args);

    private static bool IsRoot() => Environment.UserName == "root";

    private static async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class PostgresStoreTests(PostgresCluster cluster) : StoreContract, IClassFixture<PostgresCluster>
{
    private string? _connectionString;

    private protected override async Task<Store.AnnotationStore> OpenAsync()
    {
        cluster.Require();
        _connectionString ??= await cluster.CreateDatabaseAsync();
        return await Store.AnnotationStore.OpenAsync(Store.StoreLocation.Postgres(_connectionString), TimeProvider.System, TestContext.Current.CancellationToken);
    }
}
