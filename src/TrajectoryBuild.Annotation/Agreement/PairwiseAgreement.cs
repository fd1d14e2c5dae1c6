namespace TrajectoryBuild.Annotation.Agreement;

/// <summary>
/// Percent agreement over all pairs of scores of a unit, and unweighted Cohen's kappa per pair of annotators (each with
/// their own marginals, over the units both scored), averaged weighted by shared units. A pair whose chance agreement is
/// 1 (both always gave one and the same score) has no kappa and is left out of the average.
/// </summary>
internal sealed class PairwiseAgreement : IAgreementMetrics
{
    public AxisAgreement Compute(string axis, IReadOnlyList<IReadOnlyDictionary<string, int>> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var rated = units.Where(u => u.Count >= 2).ToList();
        var (pairs, agreeing) = (0, 0);
        var byPair = new Dictionary<(string, string), List<(int, int)>>();
        foreach (var unit in rated)
        {
            var raters = unit.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
            for (var i = 0; i < raters.Count; i++)
            {
                for (var j = i + 1; j < raters.Count; j++)
                {
                    pairs++;
                    agreeing += raters[i].Value == raters[j].Value ? 1 : 0;
                    var key = (raters[i].Key, raters[j].Key);
                    if (!byPair.TryGetValue(key, out var list))
                    {
                        byPair[key] = list = [];
                    }

                    list.Add((raters[i].Value, raters[j].Value));
                }
            }
        }

        var (weighted, weight) = (0.0, 0);
        foreach (var scores in byPair.Values)
        {
            if (Kappa(scores) is { } kappa)
            {
                weighted += kappa * scores.Count;
                weight += scores.Count;
            }
        }

        return new AxisAgreement(axis, rated.Count, pairs, pairs == 0 ? null : (double)agreeing / pairs, weight == 0 ? null : weighted / weight);
    }

    /// <summary>Cohen's kappa of two raters' paired scores: (po - pe) / (1 - pe); null when pe is 1.</summary>
    public static double? Kappa(IReadOnlyList<(int A, int B)> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            return null;
        }

        var n = (double)scores.Count;
        var observed = scores.Count(s => s.A == s.B) / n;
        var expected = scores.Select(s => s.A).Concat(scores.Select(s => s.B)).Distinct()
            .Sum(c => scores.Count(s => s.A == c) / n * (scores.Count(s => s.B == c) / n));
        return expected >= 1.0 ? null : (observed - expected) / (1 - expected);
    }
}
