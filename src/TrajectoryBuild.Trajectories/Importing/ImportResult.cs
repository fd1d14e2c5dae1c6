using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>What an importer makes of one record of a file: a trajectory, or the reason it was quarantined.</summary>
public abstract record ImportResult;

/// <summary>A record read into a normalized trajectory (its <see cref="Trajectory.Id"/> is assigned by the caller).</summary>
public sealed record Imported(Trajectory Trajectory) : ImportResult;

/// <summary>
/// A record (or a whole file) set aside, never silently dropped: which file, where in it (<c>line 3</c>,
/// <c>row 12</c>, then a JSON path such as <c>$.history[4].role</c>), and what was expected.
/// </summary>
public sealed record Quarantined(string File, string Position, string Reason) : ImportResult
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {Position}: {Reason}";
}
