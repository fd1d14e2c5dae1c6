namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// What converting one record gave: its results and, when <paramref name="VersionRead"/>, its format version, which
/// the file's records must agree on (<see cref="VersionCheck"/>).
/// </summary>
internal sealed record RecordOutcome(bool VersionRead, string? Version, IReadOnlyList<ImportResult> Results);
