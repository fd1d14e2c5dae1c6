namespace TrajectoryBuild.Packaging.Output;

/// <summary>One training row of a config, already rendered.</summary>
/// <param name="Split">The split the row belongs to.</param>
/// <param name="RecordId">The row's stable id; rows are written ordered by split, then by this id (ordinal).</param>
/// <param name="Json">The row as one UTF-8 JSON object.</param>
public sealed record ShardRow(string Split, string RecordId, ReadOnlyMemory<byte> Json);
