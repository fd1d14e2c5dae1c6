namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// One record's part of a <see cref="UnitOutput"/>: its trajectories' JSON Lines (bytes <c>Start..End</c>) or its
/// quarantine; with <c>CheckVersion</c>, the writer still checks <c>Version</c> against the file's first, in order.
/// </summary>
internal readonly record struct OutputEntry(string Position, bool CheckVersion, string? Version, int Start, int End, int Trajectories, Quarantined? Quarantine);
