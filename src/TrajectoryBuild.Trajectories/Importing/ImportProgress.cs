namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>How far an <see cref="ImportRunner"/> run has written, reported after each unit it wrote.</summary>
/// <param name="FilesDone">Files whose every record is written.</param>
/// <param name="Files">Files in the run.</param>
/// <param name="BytesDone">The bytes of the files done.</param>
/// <param name="Bytes">The bytes of every file in the run.</param>
/// <param name="Trajectories">Trajectories written so far.</param>
/// <param name="Quarantined">Records quarantined so far.</param>
public sealed record ImportProgress(int FilesDone, int Files, long BytesDone, long Bytes, long Trajectories, long Quarantined);
