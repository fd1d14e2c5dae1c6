using Microsoft.Data.Sqlite;
using Npgsql;

namespace TrajectoryBuild.Annotation.Store;

/// <summary>Where the store lives: a SQLite file or a PostgreSQL connection string.</summary>
/// <param name="Dialect">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">The ADO.NET connection string (it may hold a password: never print it, use <see cref="Describe"/>).</param>
public sealed record StoreLocation(StoreDialect Dialect, string ConnectionString)
{
    /// <summary>The default SQLite file, relative to the working folder.</summary>
    public const string DefaultSqlitePath = ".trajbuild/annotate/annotate.db";

    /// <summary>A SQLite file (created with its folder when missing).</summary>
    public static StoreLocation Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Seconds a command waits for a busy database (another writer) before failing.
            DefaultTimeout = 30,
        };
        return new(StoreDialect.Sqlite, builder.ToString());
    }

    /// <summary>A PostgreSQL connection string.</summary>
    public static StoreLocation Postgres(string connectionString) => new(StoreDialect.Postgres, connectionString);

    /// <summary>Where the store is, safe to print: the SQLite path, or PostgreSQL host, port, database and user, never a password.</summary>
    public string Describe()
    {
        if (Dialect == StoreDialect.Sqlite)
        {
            return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}";
    }

    /// <summary>The location without its connection string, so a record printed by mistake leaks nothing.</summary>
    public override string ToString() => Describe();
}
