namespace TrajectoryBuild.Verification.Labels;

/// <summary>Who made a set of labels, and what for.</summary>
public enum AnnotationKind
{
    /// <summary>An annotator's own labels.</summary>
    Human,

    /// <summary>A reviewer's decision where annotators disagreed: it wins over the annotators' labels.</summary>
    Adjudicated,

    /// <summary>Reference labels of a gold (control) item, used to check annotators, never as training labels.</summary>
    Gold,
}

/// <summary>The scores of one turn, with the annotator's optional comment.</summary>
/// <param name="Turn">The 0-based index of the step in the normalized trajectory.</param>
/// <param name="Scores">One score per axis.</param>
/// <param name="Comment">Free text, or null.</param>
public sealed record TurnLabel(int Turn, TurnScores Scores, string? Comment = null);

/// <summary>
/// Everything one person labelled on one trajectory. Times and other volatile fields stay out: the same labels give the
/// same bytes and the same digest, so only a real change to a trajectory's labels re-runs its Verify target.
/// </summary>
/// <param name="TrajectoryId">The trajectory's id (stage 4's).</param>
/// <param name="Annotator">The annotator's account name.</param>
/// <param name="Kind">Annotator, adjudicator or gold reference.</param>
/// <param name="Turns">The labelled turns, in turn order; turns never scored are absent.</param>
public sealed record TrajectoryAnnotation(string TrajectoryId, string Annotator, AnnotationKind Kind, IReadOnlyList<TurnLabel> Turns)
{
    /// <summary>Whether the annotator submitted it (drafts are kept but do not count in agreement or in the build).</summary>
    public bool Submitted { get; init; } = true;

    /// <summary>The order label files use: by trajectory, then kind, then annotator.</summary>
    public static IComparer<TrajectoryAnnotation> FileOrder { get; } = Comparer<TrajectoryAnnotation>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.TrajectoryId, b.TrajectoryId);
        c = c != 0 ? c : a.Kind.CompareTo(b.Kind);
        return c != 0 ? c : string.CompareOrdinal(a.Annotator, b.Annotator);
    });
}
