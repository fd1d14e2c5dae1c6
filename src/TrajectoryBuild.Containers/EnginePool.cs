namespace TrajectoryBuild.Containers;

/// <summary>
/// The Docker Engines a build's container work runs on. A target leases one engine for its container work and gives
/// it back when done; a lease waits (first come, first served) while every engine is at its limit, and takes the
/// engine with the most free slots (ties: the first listed), so work spreads. With <c>TRAJBUILD_ENGINES</c> unset the
/// pool is the one engine DOCKER_HOST names (else the local socket), with no limit: the build behaves as it always
/// did. Which engine ran a target is never part of its key or outputs: every engine yields the same images by name.
/// </summary>
internal sealed class EnginePool : IDisposable
{
    private static readonly Lazy<EnginePool> s_shared = new(() => FromEnvironment(Environment.GetEnvironmentVariable));

    private readonly EngineEntry[] _entries;
    private readonly Lazy<DockerEngine>[] _engines;
    private readonly int[] _busy;
    private readonly int[] _served;
    private readonly int[] _mostAtOnce;
    private readonly LinkedList<TaskCompletionSource<EngineLease>> _waiting = new();
    private readonly Lock _gate = new();

    public EnginePool(IReadOnlyList<EngineEntry> entries, bool configured, Func<Uri, DockerEngine> connect)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentOutOfRangeException.ThrowIfZero(entries.Count);
        _entries = [.. entries];
        _engines = [.. _entries.Select(e => new Lazy<DockerEngine>(() => connect(e.Endpoint)))];
        _busy = new int[_entries.Length];
        _served = new int[_entries.Length];
        _mostAtOnce = new int[_entries.Length];
        Configured = configured;
    }

    /// <summary>The process's pool, made from the environment on first use.</summary>
    /// <exception cref="EngineConfigurationException">A <c>TRAJBUILD_ENGINES</c> entry is bad.</exception>
    public static EnginePool Shared => s_shared.Value;

    /// <summary>True when <c>TRAJBUILD_ENGINES</c> made the pool (false: the single engine of DOCKER_HOST).</summary>
    public bool Configured { get; }

    public IReadOnlyList<EngineEntry> Entries => _entries;

    /// <summary>Targets served and the most at once, per engine, in list order.</summary>
    public IReadOnlyList<EngineStats> Stats
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Select((e, i) => new EngineStats(e.Endpoint, e.Limit, _served[i], _mostAtOnce[i]))];
            }
        }
    }

    /// <summary>The pool <c>TRAJBUILD_ENGINES</c> describes, else the engine of DOCKER_HOST (or the local socket) alone.</summary>
    /// <exception cref="EngineConfigurationException">A <c>TRAJBUILD_ENGINES</c> entry is bad.</exception>
    public static EnginePool FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        DockerEngine Connect(Uri endpoint) => DockerEngine.Connect(endpoint, environment);
        return environment(EngineEntry.Variable) is { } list && !string.IsNullOrWhiteSpace(list)
            ? new EnginePool(EngineEntry.ParseList(list), configured: true, Connect)
            : new EnginePool([new EngineEntry(DockerEngine.EndpointFrom(environment), int.MaxValue)], configured: false, Connect);
    }

    /// <summary>Writes one line per engine of the process's pool, when <c>TRAJBUILD_ENGINES</c> configured one and a stage used it.</summary>
    public static void WriteSummary(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (s_shared.IsValueCreated && s_shared.Value is { Configured: true } pool)
        {
            foreach (var stats in pool.Stats)
            {
                output.WriteLine($"Engine {stats}");
            }
        }
    }

    /// <summary>Takes a slot of the engine with the most free slots, waiting while every engine is at its limit.</summary>
    public async Task<EngineLease> LeaseAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource<EngineLease> waiter;
        LinkedListNode<TaskCompletionSource<EngineLease>> place;
        lock (_gate)
        {
            if (_waiting.Count == 0 && Pick() is { } free)
            {
                return Grant(free);
            }

            waiter = new TaskCompletionSource<EngineLease>(TaskCreationOptions.RunContinuationsAsynchronously);
            place = _waiting.AddLast(waiter);
        }

        // Granting and cancelling both happen under the lock, and a granted waiter has left the queue: never both.
        await using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (place.List is not null)
                {
                    _waiting.Remove(place);
                    waiter.TrySetCanceled(cancellationToken);
                }
            }
        }).ConfigureAwait(false);
        return await waiter.Task.ConfigureAwait(false);
    }

    /// <summary>Pings every engine at once: the endpoints that did not answer, with why (empty when all did).</summary>
    public async Task<IReadOnlyList<(Uri Endpoint, Exception Problem)>> ProbeAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(_entries.Select(async (entry, i) =>
        {
            try
            {
                await EngineAt(i).PingAsync(cancellationToken).ConfigureAwait(false);
                return ((Uri, Exception)?)null;
            }
            catch (Exception exception) when (exception is DockerUnavailableException or EngineConfigurationException)
            {
                return (entry.Endpoint, exception);
            }
        })).ConfigureAwait(false);
        return [.. answers.OfType<(Uri, Exception)>()];
    }

    /// <summary>The clients of every engine but <paramref name="endpoint"/>, in list order (made on first use).</summary>
    public IEnumerable<DockerEngine> Others(Uri endpoint) =>
        _entries.Select((e, i) => (e, i)).Where(p => p.e.Endpoint != endpoint).Select(p => EngineAt(p.i));

    public void Dispose()
    {
        foreach (var engine in _engines.Where(e => e.IsValueCreated))
        {
            engine.Value.Dispose();
        }
    }

    internal DockerEngine EngineAt(int index) => _engines[index].Value;

    internal void Release(int index)
    {
        lock (_gate)
        {
            _busy[index]--;
            while (_waiting.First is { } first && Pick() is { } free)
            {
                _waiting.RemoveFirst();
                first.Value.TrySetResult(Grant(free));
            }
        }
    }

    // The engine with the most free slots, the first listed among equals; null when every engine is at its limit.
    private int? Pick()
    {
        int? best = null;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Limit - _busy[i] > 0 && (best is not { } b || _entries[i].Limit - _busy[i] > _entries[b].Limit - _busy[b]))
            {
                best = i;
            }
        }

        return best;
    }

    private EngineLease Grant(int index)
    {
        _busy[index]++;
        _served[index]++;
        _mostAtOnce[index] = Math.Max(_mostAtOnce[index], _busy[index]);
        return new EngineLease(this, index, _entries[index].Endpoint);
    }
}
