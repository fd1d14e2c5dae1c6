using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>How <see cref="ImportRunner"/> imports: the importer, how each trajectory gets its id, and where the results go.</summary>
/// <param name="Importer">The format's importer.</param>
/// <param name="AssignId">Gives each imported trajectory its id (called on worker threads: it must not depend on order).</param>
/// <param name="WriteOutput">Receives the normalized JSON Lines in file and record order, whole lines at a time (the bytes are valid until the returned task completes: their buffer is reused).</param>
/// <param name="Quarantine">Receives every quarantined record, in file and record order.</param>
public sealed record ImportRun(
    ITrajectoryImporter Importer,
    Func<Trajectory, Trajectory> AssignId,
    Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> WriteOutput,
    Func<Quarantined, CancellationToken, ValueTask> Quarantine)
{
    /// <summary>The scaffold name for provenance when the files do not say.</summary>
    public string? Scaffold { get; init; }

    /// <summary>
    /// The cores to convert on (default: all of them). The reader starts units up to twice this many ahead of the one the
    /// writer waits for, so at most 2 x <c>MaxParallelism</c> + 1 units are converting or waiting to be written.
    /// </summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Called on the writer's thread after each unit is written, and once at the end: how many files are done, with
    /// their bytes, and the trajectories and quarantines so far (for a progress line; keep it quick).
    /// </summary>
    public Action<ImportProgress>? Progress { get; init; }

    /// <summary>About how many bytes of JSON Lines records, or of a decoded row group's texts, go into one unit (tests make it small).</summary>
    internal int BatchBytes { get; init; } = 1 << 20;

    /// <summary>
    /// The size (uncompressed) from which a Parquet column chunk of several pages is decoded page by page as its rows
    /// are cut (<see cref="ParquetByteArrays.LazyBytes"/>), so that a large row group is not held decompressed at once.
    /// </summary>
    internal long LazyChunkBytes { get; init; } = ParquetByteArrays.LazyBytes;

    /// <summary>Told of each unit the reader posts (tests see how files were cut).</summary>
    internal Action<ImportUnit>? Posted { get; init; }
}
