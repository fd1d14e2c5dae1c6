namespace TrajectoryBuild.Containers;

/// <summary>
/// One slot of one engine of an <see cref="EnginePool"/>, held for a target's container work; disposing it gives the
/// slot back (once, however often it is disposed). The engine is the pool's: do not dispose it.
/// </summary>
internal sealed class EngineLease : IDisposable
{
    private readonly EnginePool _pool;
    private readonly int _index;
    private int _released;

    internal EngineLease(EnginePool pool, int index, Uri endpoint)
    {
        _pool = pool;
        _index = index;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>The client of the leased engine, made on first use.</summary>
    /// <exception cref="EngineConfigurationException">TLS is asked for and a certificate file is missing or unreadable.</exception>
    public DockerEngine Engine => _pool.EngineAt(_index);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _pool.Release(_index);
        }
    }
}
