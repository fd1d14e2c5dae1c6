namespace TrajectoryBuild.Packaging.Output;

/// <summary>How shards are written.</summary>
/// <param name="ShardRows">Rows per shard (<c>packaging.shard_rows</c>); also the Parquet row group size.</param>
/// <param name="Formats">File formats to write (<c>packaging.files</c>).</param>
public sealed record ShardOptions(int ShardRows, IReadOnlyList<ShardFileFormat> Formats);
