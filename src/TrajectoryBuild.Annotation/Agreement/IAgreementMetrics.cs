namespace TrajectoryBuild.Annotation.Agreement;

/// <summary>
/// The agreement numbers the server shows live (<see cref="ReportAgreement"/>: the build's metrics library), behind one
/// small seam the pages and the status command share.
/// </summary>
internal interface IAgreementMetrics
{
    /// <summary>Agreement on one axis; each unit (a turn of an item) maps annotator name to score.</summary>
    AxisAgreement Compute(string axis, IReadOnlyList<IReadOnlyDictionary<string, int>> units);
}

/// <summary>Agreement on one axis (or "overall").</summary>
/// <param name="Axis">The axis name.</param>
/// <param name="Units">Turns scored by at least two annotators.</param>
/// <param name="Pairs">Pairs of scores compared.</param>
/// <param name="PercentAgreement">Share of pairs that agree, or null with no pair.</param>
/// <param name="CohenKappa">Unweighted Cohen's kappa, the mean over annotator pairs (Light's kappa), or null when undefined.</param>
internal sealed record AxisAgreement(string Axis, int Units, int Pairs, double? PercentAgreement, double? CohenKappa);
