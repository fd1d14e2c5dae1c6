namespace TrajectoryBuild.Packaging.Output;

/// <summary>What a <see cref="ShardFeature"/> is.</summary>
public enum ShardFeatureKind
{
    /// <summary>A scalar with a <c>dtype</c>.</summary>
    Value,

    /// <summary>A list of one item type.</summary>
    List,

    /// <summary>A struct of named fields.</summary>
    Struct,

    /// <summary>Inferred only: values of mixed kinds, objects with different keys, or empty objects. Not declarable.</summary>
    Free,
}
