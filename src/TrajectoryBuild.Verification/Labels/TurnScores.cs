namespace TrajectoryBuild.Verification.Labels;

/// <summary>
/// The scores one annotator (or the gate) gave one reasoning turn: one value per axis of <see cref="Axes.All"/>, in that
/// order, each 1 to 3 or null when not scored.
/// </summary>
public sealed record TurnScores
{
    private readonly int?[] _values;

    /// <summary>Scores in the order of <see cref="Axes.All"/>.</summary>
    public TurnScores(IReadOnlyList<int?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Axes.All.Count)
        {
            throw new ArgumentException($"expected {Axes.All.Count} axis scores, got {values.Count}", nameof(values));
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v && !Axes.All[i].IsValid(v))
            {
                throw new ArgumentOutOfRangeException(nameof(values), v, $"{Axes.All[i].Name} must be {Axes.Min} to {Axes.Max}");
            }
        }

        _values = [.. values];
    }

    /// <summary>No axis scored.</summary>
    public static TurnScores Empty { get; } = new(new int?[Axes.All.Count]);

    /// <summary>The score of the axis at <paramref name="axis"/> (its index in <see cref="Axes.All"/>).</summary>
    public int? this[int axis] => _values[axis];

    /// <summary>The score of the axis named <paramref name="axis"/>.</summary>
    public int? this[string axis] => _values[IndexOf(axis)];

    /// <summary>The scores in axis order.</summary>
    public IReadOnlyList<int?> Values => _values;

    /// <summary>Whether every axis has a score.</summary>
    public bool IsComplete => _values.All(v => v is not null);

    /// <summary>A copy with the axis named <paramref name="axis"/> set to <paramref name="score"/> (null clears it).</summary>
    public TurnScores With(string axis, int? score)
    {
        var values = (int?[])_values.Clone();
        values[IndexOf(axis)] = score;
        return new TurnScores(values);
    }

    /// <inheritdoc />
    public bool Equals(TurnScores? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var v in _values)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    private static int IndexOf(string axis)
    {
        for (var i = 0; i < Axes.All.Count; i++)
        {
            if (string.Equals(Axes.All[i].Name, axis, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"unknown axis '{axis}'; axes: {string.Join(", ", Axes.All.Select(a => a.Name))}", nameof(axis));
    }
}
