namespace Build.Parameters;

/// <summary>The resolved, typed parameters (command line over environment over default).</summary>
internal sealed record BuildParameters(
    string Configuration,
    string Manifest,
    int Jobs,
    bool KeepGoing,
    bool Explain,
    bool Json,
    string? Stage,
    bool DryRun,
    int Iterations = 10,
    int SizeMb = 1024,
    string? Version = null)
{
    /// <summary>Plan, Build and stage targets: the datasets to build (comma-separated), or null for every dataset.</summary>
    public string? Dataset { get; init; }

    /// <summary>Build and stage targets: run every target again, ignoring cached results.</summary>
    public bool Force { get; init; }

    /// <summary>Build and stage targets: one leg of a sharded build (<c>i/n</c>), or null.</summary>
    public string? Shard { get; init; }

    /// <summary>Build and stage targets: how long a leg waits for another leg's target (<c>90m</c>), or null for trajbuild's default.</summary>
    public string? ShardTimeout { get; init; }

    /// <summary>Build, stage targets and Plan: the shared cache's URL, or null.</summary>
    public string? CacheUrl { get; init; }

    /// <summary>Build and stage targets: only download from the shared cache.</summary>
    public bool CacheReadOnly { get; init; }

    /// <summary>Plan: print the CI matrix of sharded legs instead of the plan.</summary>
    public bool Matrix { get; init; }

    /// <summary>Plan --matrix: the most legs to ask for.</summary>
    public int MaxShards { get; init; } = 8;

    /// <summary>Bench: the benchmark suite (see <see cref="BenchSuites"/>).</summary>
    public string Suite { get; init; } = BenchSuites.Macro;
}
