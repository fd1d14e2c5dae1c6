namespace TrajectoryBuild.Packaging.Output;

/// <summary>One top-level field of a config's rows.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Type">Its inferred type (the Parquet column's type).</param>
public sealed record ShardColumn(string Name, ShardColumnType Type)
{
    /// <summary>
    /// The field's type as the JSONL rows hold it (nested lists and structs; <see cref="ShardFeatureKind.Free"/> where the
    /// shape is not fixed), inferred from every row by <see cref="ShardWriter"/>; null when not inferred.
    /// </summary>
    public ShardFeature? Shape { get; init; }
}
