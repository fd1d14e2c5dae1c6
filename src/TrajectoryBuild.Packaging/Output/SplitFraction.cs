namespace TrajectoryBuild.Packaging.Output;

/// <summary>One split and the share of rows it should receive.</summary>
/// <param name="Name">The split name, e.g. <c>train</c>.</param>
/// <param name="Fraction">Share of rows, 0 to 1; the fractions of a split plan sum to 1.</param>
public sealed record SplitFraction(string Name, double Fraction);
