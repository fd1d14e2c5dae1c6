namespace TrajectoryBuild.Packaging.Output;

/// <summary>A shard file format (<c>packaging.files</c>).</summary>
public enum ShardFileFormat
{
    /// <summary>JSON Lines: one compact JSON object per line, UTF-8, LF.</summary>
    Jsonl,

    /// <summary>Apache Parquet written with Parquet.Net.</summary>
    Parquet,
}
