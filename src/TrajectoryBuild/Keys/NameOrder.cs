namespace TrajectoryBuild.Keys;

/// <summary>
/// The order of named members as a JSON object keeps them: by ordinal name, and a name given twice in the order it was
/// given, so that its last value comes last (and is the one kept).
/// </summary>
internal static class NameOrder
{
    /// <summary>The indices of <paramref name="names"/>, sorted by name, then by place.</summary>
    public static int[] Of(string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var order = new int[names.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) => string.CompareOrdinal(names[x], names[y]) is var byName and not 0 ? byName : x.CompareTo(y));
        return order;
    }
}
