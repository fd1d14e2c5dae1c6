namespace TrajectoryBuild.Packaging.Output;

/// <summary>The unit kept within one split (<c>packaging.splits.by</c>).</summary>
public enum SplitUnit
{
    /// <summary>Every record of a repository lands in the same split.</summary>
    Repository,

    /// <summary>Every record of a task lands in the same split.</summary>
    Task,
}
