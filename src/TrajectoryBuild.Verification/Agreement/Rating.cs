namespace TrajectoryBuild.Verification.Agreement;

/// <summary>One rating of one item (a turn) by one rater.</summary>
/// <param name="Cluster">The cluster the item belongs to (the trajectory id); the bootstrap resamples whole clusters.</param>
/// <param name="Item">The item within its cluster (the turn); an item is identified by cluster and item together.</param>
/// <param name="Rater">Who rated it.</param>
/// <param name="Value">The score (1 to 3 on the stage 5 axes), treated as an ordered category.</param>
public sealed record Rating(string Cluster, string Item, string Rater, int Value);
