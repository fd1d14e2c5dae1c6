namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>Where one JSON Lines record (or JSON array element) sits in an <see cref="ImportUnit"/>'s buffer.</summary>
internal readonly record struct LineSlice(int Number, int Start, int Length, bool Unterminated)
{
    /// <summary>The record's position when it is not <c>line N</c> (<c>element N</c>, or <c>file</c> for an error between elements).</summary>
    public string? Position { get; init; }

    /// <summary>Why the file could not be read from here on (then the slice has no bytes).</summary>
    public string? Error { get; init; }
}
