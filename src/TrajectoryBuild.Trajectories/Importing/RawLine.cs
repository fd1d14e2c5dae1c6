namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>One non-blank line of a JSON Lines file, unparsed: its 1-based number, its bytes, and whether the file ended without its newline.</summary>
internal readonly record struct RawLine(int Number, ReadOnlyMemory<byte> Bytes, bool Unterminated);
