namespace TrajectoryBuild.Rewards.Process;

/// <summary>One change a step made to the repository, as far as its call shows it.</summary>
/// <param name="Step">The step index.</param>
/// <param name="Path">The repository-relative file changed; null for an edit whose file the call does not name, or for a revert of every file.</param>
/// <param name="Kind">What kind of change it is.</param>
/// <param name="How">The change in a few words, for evidence (<c>str_replace</c>, <c>git checkout -- a.py</c>).</param>
internal sealed record FileChange(int Step, string? Path, ChangeKind Kind, string How)
{
    /// <summary>For a <c>str_replace</c>: the text replaced.</summary>
    public string? OldText { get; init; }

    /// <summary>For a <c>str_replace</c>: the replacement.</summary>
    public string? NewText { get; init; }

    /// <summary>For a whole-file write: the content written.</summary>
    public string? Content { get; init; }
}

/// <summary>The kinds of <see cref="FileChange"/>.</summary>
internal enum ChangeKind
{
    /// <summary>An edit (replace, insert, write, in-place sed ...).</summary>
    Edit,

    /// <summary>A command that throws away uncommitted changes (<c>git checkout -- FILE</c>, <c>git stash</c>, <c>git reset --hard</c>).</summary>
    Discard,

    /// <summary>An editor's <c>undo_edit</c>: undoes the last edit of its file.</summary>
    Undo,
}
