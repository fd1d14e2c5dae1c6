using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TrajectoryBuild.Annotation.Store;

/// <summary>Opens connections to the store, set up the same way every time (SQLite: WAL, busy timeout, foreign keys).</summary>
internal sealed class StoreConnections(StoreLocation location) : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres = location.Dialect == StoreDialect.Postgres ? NpgsqlDataSource.Create(location.ConnectionString) : null;

    public StoreDialect Dialect => location.Dialect;

    public StoreLocation Location => location;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(location.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // WAL lets readers run beside the one writer; the busy timeout makes concurrent writers wait, not fail.
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts a write transaction that serializes with every other writer: SQLite's BEGIN IMMEDIATE takes the write lock
    /// up front (no deadlock on upgrade), PostgreSQL takes a transaction-scoped advisory lock when <paramref name="exclusive"/>.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, bool exclusive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (exclusive)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(5080)";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return transaction;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }
}
