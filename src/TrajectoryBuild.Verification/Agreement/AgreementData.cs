namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// Ratings indexed for the agreement metrics: the items with at least two raters, grouped in clusters; clusters, items,
/// raters and categories in ordinal (or numeric) order, so the result does not depend on the order of the ratings.
/// </summary>
internal sealed record AgreementData(IReadOnlyList<RatedItem[]> Clusters, int Raters, int[] Categories, int Items)
{
    public static AgreementData Of(IEnumerable<Rating> ratings, IReadOnlyList<int>? categories)
    {
        var all = ratings.ToList();
        if (all.Any(r => r is null || r.Cluster is null || r.Item is null || r.Rater is null))
        {
            throw new ArgumentException("a rating, or its cluster, item or rater, is null", nameof(ratings));
        }

        var duplicate = all.GroupBy(r => (r.Cluster, r.Item, r.Rater)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"rater '{duplicate.Key.Rater}' rated item '{duplicate.Key.Item}' of cluster '{duplicate.Key.Cluster}' {duplicate.Count()} times", nameof(ratings));
        }

        var items = all.GroupBy(r => (r.Cluster, r.Item)).Where(g => g.Count() >= 2).ToList();
        var kept = items.SelectMany(g => g).ToList();
        var scale = categories?.ToArray() ?? [.. kept.Select(r => r.Value).Distinct().Order()];
        var outside = kept.Select(r => r.Value).Distinct().Except(scale).Order().ToList();
        if (outside.Count > 0)
        {
            throw new ArgumentException($"values {string.Join(", ", outside)} are not among the categories {string.Join(", ", scale)}", nameof(categories));
        }

        var category = scale.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var raterNames = kept.Select(r => r.Rater).Distinct().Order(StringComparer.Ordinal).ToList();
        var rater = raterNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var clusters = items
            .GroupBy(g => g.Key.Cluster, StringComparer.Ordinal)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.OrderBy(g => g.Key.Item, StringComparer.Ordinal).Select(g => Item(g, rater, category)).ToArray())
            .ToList();
        return new AgreementData(clusters, raterNames.Count, scale, items.Count);
    }

    private static RatedItem Item(IEnumerable<Rating> ratings, Dictionary<string, int> rater, Dictionary<int, int> category)
    {
        var ordered = ratings.Select(r => (Rater: rater[r.Rater], Category: category[r.Value])).OrderBy(r => r.Rater).ToArray();
        return new RatedItem([.. ordered.Select(r => r.Rater)], [.. ordered.Select(r => r.Category)]);
    }
}
