namespace TrajectoryBuild.Packaging.Output;

/// <summary>One shard of a config.</summary>
/// <param name="Split">Its split.</param>
/// <param name="Index">0-based shard index within the split and format.</param>
/// <param name="Count">Shards of the split in this format.</param>
/// <param name="Format">Its file format.</param>
/// <param name="File">The file written.</param>
public sealed record ShardFile(string Split, int Index, int Count, ShardFileFormat Format, WrittenFile File);
