namespace TrajectoryBuild.Packaging.Output;

/// <summary>One file written into the output folder.</summary>
/// <param name="Path">Path relative to the output folder, with <c>/</c> separators.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the file's bytes.</param>
/// <param name="Bytes">File size in bytes.</param>
/// <param name="Rows">Rows it holds (0 for files that are not shards).</param>
public sealed record WrittenFile(string Path, string Sha256, long Bytes, long Rows);
