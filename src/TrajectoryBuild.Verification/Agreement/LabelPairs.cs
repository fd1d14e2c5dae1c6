namespace TrajectoryBuild.Verification.Agreement;

/// <summary>Two raters' labels as category indices into one label list (explicit, or the sorted labels present).</summary>
internal sealed record LabelPairs(int[] First, int[] Second, int Categories)
{
    /// <summary>
    /// Pairs whose label on either side is not in <paramref name="labels"/> are dropped (scikit-learn's
    /// <c>labels</c>); without a list, the labels are those present, sorted by <see cref="Comparer{T}.Default"/>.
    /// </summary>
    public static LabelPairs Of<T>(IReadOnlyList<T> rater1, IReadOnlyList<T> rater2, IReadOnlyList<T>? labels)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(rater1);
        ArgumentNullException.ThrowIfNull(rater2);
        if (rater1.Count != rater2.Count)
        {
            throw new ArgumentException($"the raters labelled {rater1.Count} and {rater2.Count} items; each label pairs one item", nameof(rater2));
        }

        var list = labels ?? [.. rater1.Concat(rater2).Distinct().Order(Comparer<T>.Default)];
        var index = new Dictionary<T, int>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (!index.TryAdd(list[i], i))
            {
                throw new ArgumentException($"label {list[i]} is listed twice", nameof(labels));
            }
        }

        var first = new List<int>(rater1.Count);
        var second = new List<int>(rater1.Count);
        for (var i = 0; i < rater1.Count; i++)
        {
            if (index.TryGetValue(rater1[i], out var a) && index.TryGetValue(rater2[i], out var b))
            {
                first.Add(a);
                second.Add(b);
            }
        }

        return new LabelPairs([.. first], [.. second], list.Count);
    }

    /// <summary>The k x k contingency table: rows are the first rater's categories, columns the second's.</summary>
    public double[][] Contingency()
    {
        var table = new double[Categories][];
        for (var i = 0; i < Categories; i++)
        {
            table[i] = new double[Categories];
        }

        for (var i = 0; i < First.Length; i++)
        {
            table[First[i]][Second[i]]++;
        }

        return table;
    }

    /// <summary>The counts table of the pairs: one row per item, its two ratings counted by category.</summary>
    public double[][] Counts() => CountsTable.OfPairs(First, Second, Categories);
}
