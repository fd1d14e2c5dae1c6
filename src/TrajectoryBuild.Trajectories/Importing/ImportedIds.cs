using TrajectoryBuild.Keys;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// The id of an imported trajectory: <c>instance/scaffold/hash</c>, the hash over the source file's digest, the
/// record's position and the attempt, so the same record always gets the same id and no two records share one.
/// </summary>
public static class ImportedIds
{
    /// <summary>The trajectory with its id assigned.</summary>
    public static Trajectory Assign(Trajectory trajectory, string scaffold)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var provenance = trajectory.Provenance;
        var position = $"{provenance.SourceSha256}\n{provenance.SourcePosition}\n{trajectory.Attempt?.Index}";
        return trajectory with { Id = $"{trajectory.InstanceId ?? "unknown"}/{scaffold}/{Digest.OfText(position)[..12]}" };
    }
}
