using System.Reflection;

namespace TrajectoryBuild.Annotation.Store;

/// <summary>
/// Schema migrations: numbered SQL scripts per dialect (<c>Store/Migrations/&lt;dialect&gt;/NNN_name.sql</c>, embedded),
/// each applied once, in order, in its own transaction, and recorded in <c>schema_migrations</c>.
/// </summary>
internal static class Migrator
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(StoreDialect dialect)
    {
        var prefix = $"migrations/{(dialect == StoreDialect.Sqlite ? "sqlite" : "postgres")}/";
        var assembly = typeof(Migrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
                return (version, name, Read(assembly, n));
            })
            .OrderBy(s => s.version)];
    }

    /// <summary>Applies the scripts not yet recorded; returns the names applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(StoreConnections connections, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await Sql.ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)", cancellationToken).ConfigureAwait(false);
        var applied = new List<string>();
        foreach (var (version, name, sql) in Scripts(connections.Dialect))
        {
            // Checked again inside the write lock, so two servers starting at once apply each script once.
            await using var transaction = await StoreConnections.BeginWriteAsync(connection, exclusive: true, cancellationToken).ConfigureAwait(false);
            if (await Sql.ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM schema_migrations WHERE version = @v", cancellationToken, ("@v", version)).ConfigureAwait(false) > 0)
            {
                continue;
            }

            await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
            await Sql.ExecuteAsync(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)", cancellationToken,
                ("@v", version), ("@n", name), ("@t", clock.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(name);
        }

        return applied;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
