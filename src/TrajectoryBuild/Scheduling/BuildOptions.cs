using TrajectoryBuild.Cache;

namespace TrajectoryBuild.Scheduling;

/// <summary>How to run a build.</summary>
public sealed record BuildOptions
{
    /// <summary>The state folder: cache, temp, run summaries (default <c>.trajbuild</c> beside the manifest).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The lock file (default <c>datasets.lock</c> beside the manifest).</summary>
    public required string LockPath { get; init; }

    /// <summary>Build stages up to and including this one; null for all.</summary>
    public string? LastStage { get; init; }

    /// <summary>At most this many targets execute at once.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>After a failure, go on with every target that does not depend on it.</summary>
    public bool KeepGoing { get; init; }

    /// <summary>A shared cache asked on a local miss and given what this build makes; null for none.</summary>
    public RemoteCache? Remote { get; init; }

    /// <summary>
    /// For one leg of a sharded build: the leg builds the targets it owns and takes every other target from the cache
    /// (the local one, which legs on one machine can share with <see cref="StateDirectory"/>, or <see cref="Remote"/>)
    /// once its owner has built it. Null for a whole build.
    /// </summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>
    /// Only these datasets, and what they need (their sources, environments, tasks ...); null for every dataset. The
    /// lock keeps the entries of the other datasets: a partial build never drops them.
    /// </summary>
    public IReadOnlyList<string>? Datasets { get; init; }

    /// <summary>
    /// Run every target of the build again, ignoring results the local or remote cache holds for their keys, and
    /// replace those results. Not with <see cref="Shard"/>: a leg could not tell another leg's new result from the old one.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>
    /// Answer a plan from the last plan that found every target FRESH when nothing it read has changed since (see
    /// <c>docs/engine.md</c>, "No-op plans"); false plans every target in full.
    /// </summary>
    public bool PlanStamps { get; init; } = true;

    /// <summary>How long a leg waits for another leg's target before it fails it.</summary>
    public TimeSpan ShardTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The cache folder.</summary>
    public string CacheDirectory => Path.Combine(StateDirectory, "cache");

    /// <summary>Defaults for a manifest: <c>.trajbuild/</c> and <c>datasets.lock</c> beside it.</summary>
    public static BuildOptions ForManifest(string manifestPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var lockName = Path.GetFileNameWithoutExtension(manifestPath) + ".lock";
        return new BuildOptions { StateDirectory = Path.Combine(dir, ".trajbuild"), LockPath = Path.Combine(dir, lockName) };
    }
}
