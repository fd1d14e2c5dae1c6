namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>Where one JSON Lines record sits in an <see cref="ImportUnit"/>'s buffer.</summary>
internal readonly record struct LineSlice(int Number, int Start, int Length, bool Unterminated);
