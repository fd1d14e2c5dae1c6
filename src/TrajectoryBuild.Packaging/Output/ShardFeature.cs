using System.Text;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// A Hugging Face <c>datasets</c> feature type: a value (<c>dtype</c>), a <c>list</c> of one item type, a <c>struct</c>
/// of named fields, or — inferred from rows only — a position whose shape is not fixed (<see cref="ShardFeatureKind.Free"/>).
/// Equality is structural (the same <see cref="ToString"/> text).
/// </summary>
public sealed class ShardFeature : IEquatable<ShardFeature>
{
    private readonly string _text;

    private ShardFeature(ShardFeatureKind kind, string? dtype, ShardFeature? item, IReadOnlyList<KeyValuePair<string, ShardFeature>> fields, string? reason)
    {
        Kind = kind;
        Dtype = dtype;
        Item = item;
        Fields = fields;
        Reason = reason;
        _text = Describe();
    }

    /// <summary>What the feature is.</summary>
    public ShardFeatureKind Kind { get; }

    /// <summary>The <c>dtype</c> of a <see cref="ShardFeatureKind.Value"/> (<c>string</c>, <c>bool</c>, <c>int64</c>, <c>float64</c>, <c>null</c>, ...).</summary>
    public string? Dtype { get; }

    /// <summary>The item type of a <see cref="ShardFeatureKind.List"/>.</summary>
    public ShardFeature? Item { get; }

    /// <summary>The fields of a <see cref="ShardFeatureKind.Struct"/>, in order; empty for other kinds.</summary>
    public IReadOnlyList<KeyValuePair<string, ShardFeature>> Fields { get; }

    /// <summary>Why a <see cref="ShardFeatureKind.Free"/> position has no fixed shape.</summary>
    public string? Reason { get; }

    /// <summary>True when no position inside is <see cref="ShardFeatureKind.Free"/>: the feature can be declared.</summary>
    public bool IsFixed => Kind switch
    {
        ShardFeatureKind.Free => false,
        ShardFeatureKind.List => Item!.IsFixed,
        ShardFeatureKind.Struct => Fields.All(f => f.Value.IsFixed),
        _ => true,
    };

    /// <summary>A value feature.</summary>
    /// <param name="dtype">Its <c>datasets</c> dtype.</param>
    /// <returns>The feature.</returns>
    public static ShardFeature Value(string dtype)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dtype);
        return new(ShardFeatureKind.Value, dtype, null, [], null);
    }

    /// <summary>A list feature.</summary>
    /// <param name="item">The type of every item.</param>
    /// <returns>The feature.</returns>
    public static ShardFeature List(ShardFeature item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(ShardFeatureKind.List, null, item, [], null);
    }

    /// <summary>A struct feature.</summary>
    /// <param name="fields">Its named fields, in order.</param>
    /// <returns>The feature.</returns>
    public static ShardFeature Struct(IEnumerable<KeyValuePair<string, ShardFeature>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new(ShardFeatureKind.Struct, null, null, [.. fields], null);
    }

    /// <summary>A position whose shape is not fixed.</summary>
    /// <param name="reason">Why (e.g. <c>objects with different keys</c>).</param>
    /// <returns>The feature.</returns>
    public static ShardFeature Free(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(ShardFeatureKind.Free, null, null, [], reason);
    }

    /// <summary>Every position below (and at) <paramref name="path"/> that is not fixed, e.g. <c>messages[]</c>, <c>provenance.model</c>.</summary>
    /// <param name="path">The path of this feature.</param>
    /// <returns>Each free position and why, in field order.</returns>
    public IEnumerable<(string Path, string Reason)> FreePositions(string path) => Kind switch
    {
        ShardFeatureKind.Free => [(path, Reason!)],
        ShardFeatureKind.List => Item!.FreePositions(path + "[]"),
        ShardFeatureKind.Struct => Fields.SelectMany(f => f.Value.FreePositions(path + "." + f.Key)),
        _ => [],
    };

    /// <summary>A compact description: <c>string</c>, <c>list&lt;bool&gt;</c>, <c>struct&lt;from: string, value: string&gt;</c>, <c>free(reason)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => _text;

    /// <inheritdoc/>
    public bool Equals(ShardFeature? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ShardFeature);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    private string Describe() => Kind switch
    {
        ShardFeatureKind.Value => Dtype!,
        ShardFeatureKind.List => $"list<{Item}>",
        ShardFeatureKind.Struct => new StringBuilder("struct<").AppendJoin(", ", Fields.Select(f => $"{f.Key}: {f.Value}")).Append('>').ToString(),
        _ => $"free({Reason})",
    };
}
