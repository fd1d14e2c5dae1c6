namespace TrajectoryBuild.Annotation.Store;

/// <summary>
/// The annotation store over ADO.NET (SQLite or PostgreSQL, the same SQL but for the schema scripts). Every change is
/// one transaction; label writes are upserts on a unique key, so concurrent saves never duplicate or lose a row.
/// </summary>
internal sealed partial class AnnotationStore : IAsyncDisposable
{
    private readonly StoreConnections _connections;
    private readonly TimeProvider _clock;

    private AnnotationStore(StoreLocation location, TimeProvider clock)
    {
        _connections = new StoreConnections(location);
        _clock = clock;
    }

    public StoreLocation Location => _connections.Location;

    public StoreDialect Dialect => _connections.Dialect;

    /// <summary>The clock the store stamps its rows with; the server's, too.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Opens the store and applies pending migrations.</summary>
    public static async Task<AnnotationStore> OpenAsync(StoreLocation location, TimeProvider clock, CancellationToken cancellationToken)
    {
        var store = new AnnotationStore(location, clock);
        try
        {
            await Migrator.MigrateAsync(store._connections, clock, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();
}
