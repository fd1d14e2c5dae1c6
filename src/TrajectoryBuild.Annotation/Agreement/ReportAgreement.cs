using System.Globalization;
using TrajectoryBuild.Verification.Agreement;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Annotation.Agreement;

/// <summary>
/// The live numbers from the same library as the build's verification report (<see cref="AgreementReport"/>): percent
/// agreement over all pairs of scores of a turn, and unweighted Cohen's kappa as the mean over annotator pairs (each on
/// the turns both scored). No bootstrap here: the page shows point estimates; the build's report has the intervals.
/// </summary>
internal sealed class ReportAgreement : IAgreementMetrics
{
    private static readonly AgreementOptions s_options = new()
    {
        Metrics = [AgreementMetric.PercentAgreement, AgreementMetric.CohenKappa],
        Bootstrap = new BootstrapOptions(Resamples: 0),
        Categories = [.. Enumerable.Range(Axes.Min, Axes.Max - Axes.Min + 1)],
    };

    public AxisAgreement Compute(string axis, IReadOnlyList<IReadOnlyDictionary<string, int>> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var ratings = units.SelectMany((unit, i) => unit.Select(r => new Rating(i.ToString(CultureInfo.InvariantCulture), "turn", r.Key, r.Value)));
        var estimates = AgreementReport.Compute(ratings, s_options);
        var percent = estimates.Single(e => e.Metric == AgreementMetric.PercentAgreement);
        var kappa = estimates.Single(e => e.Metric == AgreementMetric.CohenKappa);
        var pairs = units.Sum(u => u.Count * (u.Count - 1) / 2);
        return new AxisAgreement(axis, percent.Items, pairs, percent.IsDefined ? percent.Value : null, kappa.IsDefined ? kappa.Value : null);
    }
}
