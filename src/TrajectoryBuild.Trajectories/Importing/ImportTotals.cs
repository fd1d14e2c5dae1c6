namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>What an <see cref="ImportRunner"/> run read and wrote.</summary>
/// <param name="Bytes">The bytes of the files read.</param>
/// <param name="Trajectories">The trajectories written.</param>
/// <param name="Quarantined">The records quarantined.</param>
public sealed record ImportTotals(long Bytes, long Trajectories, long Quarantined);
