namespace TrajectoryBuild.Packaging.Output;

/// <summary>One top-level field of a config's rows.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Type">Its inferred type.</param>
public sealed record ShardColumn(string Name, ShardColumnType Type);
