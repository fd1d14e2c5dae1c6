namespace TrajectoryBuild.Annotation.Store;

/// <summary>An account.</summary>
internal sealed record StoreUser(long Id, string Name, string Role, string PasswordHash);

/// <summary>One of an annotator's assignments, as the annotator may see it (gold or not is never part of it).</summary>
internal sealed record AssignmentInfo(long Id, long ItemId, string TrajectoryId, int TurnCount, bool Submitted, int Sequence);

/// <summary>A loaded slice item, without its trajectory.</summary>
internal sealed record ItemInfo(long Id, string TrajectoryId, int Annotators, int TurnCount, bool IsGold);

/// <summary>One stored row of labels: one person's (or the gold file's) scores of one turn.</summary>
internal sealed record LabelRow(long ItemId, string TrajectoryId, long Owner, string? UserName, string Kind, int Turn, int?[] Scores, string? Comment, bool Submitted, bool IsGoldItem);

/// <summary>What loading a slice did.</summary>
/// <param name="Added">Items new to the store.</param>
/// <param name="AlreadyLoaded">Items whose trajectory id was already loaded (kept as they were, labels and all).</param>
/// <param name="Gold">Items marked gold (control) with their reference labels.</param>
public sealed record LoadResult(int Added, int AlreadyLoaded, int Gold);

/// <summary>One annotator's progress.</summary>
/// <param name="Name">The account name.</param>
/// <param name="Assigned">Items assigned (gold included).</param>
/// <param name="Submitted">Items submitted (gold included).</param>
/// <param name="GoldSubmitted">Gold items submitted.</param>
/// <param name="GoldCells">Scored (turn, axis) cells of submitted gold items that have a reference score.</param>
/// <param name="GoldMatches">Of those, how many equal the reference.</param>
public sealed record AnnotatorProgress(string Name, int Assigned, int Submitted, int GoldSubmitted, int GoldCells, int GoldMatches)
{
    /// <summary>Share of gold cells scored like the reference, or null before any.</summary>
    public double? GoldAccuracy => GoldCells == 0 ? null : (double)GoldMatches / GoldCells;
}

/// <summary>The store's settings that admins change.</summary>
/// <param name="GoldRate">Share of each annotator's queue that is gold items (0 to 0.5).</param>
internal sealed record StoreSettings(double GoldRate)
{
    public static StoreSettings Default { get; } = new(0.1);
}
