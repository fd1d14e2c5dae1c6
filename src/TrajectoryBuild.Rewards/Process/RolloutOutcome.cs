using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rewards.Process;

/// <summary>One rollout of a task and whether Evaluate resolved it: the input of <see cref="MonteCarlo"/>.</summary>
/// <param name="TrajectoryId">The trajectory's id (unique among the task's rollouts).</param>
/// <param name="Trajectory">The trajectory.</param>
/// <param name="Resolved">Whether Evaluate resolved the task.</param>
public sealed record RolloutOutcome(string TrajectoryId, Trajectory Trajectory, bool Resolved);
