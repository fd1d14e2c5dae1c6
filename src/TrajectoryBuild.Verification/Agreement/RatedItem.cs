namespace TrajectoryBuild.Verification.Agreement;

/// <summary>One item's ratings: rater indices ascending and, at the same positions, category indices.</summary>
internal sealed record RatedItem(int[] Raters, int[] Categories);
