using System.CommandLine;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary>The store options every annotate command takes: a SQLite file (default) or a PostgreSQL connection string.</summary>
internal sealed class StoreOptions
{
    public Option<string?> Db { get; } = new("--db") { Description = $"SQLite file [default: {StoreLocation.DefaultSqlitePath}]", HelpName = "path" };

    public Option<string?> Postgres { get; } = new("--postgres") { Description = "PostgreSQL connection string (prefer --postgres-env: a password on the command line is visible to other users)", HelpName = "connstring" };

    public Option<string?> PostgresEnv { get; } = new("--postgres-env") { Description = "Name of an environment variable holding the PostgreSQL connection string", HelpName = "var" };

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Postgres);
        command.Options.Add(PostgresEnv);
    }

    /// <summary>The store location, or null after printing why the options do not name one.</summary>
    public StoreLocation? Resolve(ParseResult parse, TextWriter stderr)
    {
        var (db, postgres, env) = (parse.GetValue(Db), parse.GetValue(Postgres), parse.GetValue(PostgresEnv));
        if (new[] { db, postgres, env }.Count(v => v is not null) > 1)
        {
            stderr.WriteLine("error: give one of --db, --postgres and --postgres-env");
            return null;
        }

        if (env is not null)
        {
            postgres = Environment.GetEnvironmentVariable(env);
            if (string.IsNullOrWhiteSpace(postgres))
            {
                stderr.WriteLine($"error: --postgres-env {env}: the environment variable is not set");
                return null;
            }
        }

        return postgres is not null ? StoreLocation.Postgres(postgres) : StoreLocation.Sqlite(db ?? StoreLocation.DefaultSqlitePath);
    }

    /// <summary>
    /// Opens the store (running migrations) and runs <paramref name="action"/>; store errors end the command with exit
    /// code 1 and a message that names the store but never its password.
    /// </summary>
    public async Task<int> WithStoreAsync(ParseResult parse, TextWriter stderr, Func<AnnotationStore, StoreLocation, Task<int>> action, CancellationToken cancellationToken)
    {
        if (Resolve(parse, stderr) is not { } location)
        {
            return ExitCodes.Usage;
        }

        try
        {
            await using var store = await AnnotationStore.OpenAsync(location, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return await action(store, location).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"error: {DescribeSafely(location)}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static string DescribeSafely(StoreLocation location)
    {
        try
        {
            return location.Describe();
        }
        catch (ArgumentException)
        {
            return location.Dialect == StoreDialect.Sqlite ? "SQLite" : "PostgreSQL (unreadable connection string)";
        }
    }

    /// <summary>Where the keys that sign cookies and anti-forgery tokens live: beside the SQLite file, else under .trajbuild.</summary>
    public static string KeysDirectory(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var folder = location.Dialect == StoreDialect.Sqlite
            ? Path.GetDirectoryName(new SqliteConnectionStringBuilder(location.ConnectionString).DataSource)!
            : Path.GetFullPath(Path.GetDirectoryName(StoreLocation.DefaultSqlitePath)!);
        return Path.Combine(folder, "keys");
    }
}
