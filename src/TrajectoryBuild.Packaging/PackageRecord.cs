using TrajectoryBuild.Rewards.Process;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Packaging;

/// <summary>Where one record comes from: enough to trace a training row back to its commit, image, verifier and trajectory.</summary>
/// <param name="TaskId">The task (SWE-bench <c>instance_id</c>).</param>
/// <param name="Repo">The repository, <c>owner/name</c>.</param>
/// <param name="Commit">The base commit the agent worked on.</param>
/// <param name="ImageDigest">The task image the patch was evaluated in.</param>
/// <param name="VerifierDigest">The verifier (test command, parser, grading rules) digest.</param>
/// <param name="TrajectoryDigest">SHA-256 of the normalized trajectory file.</param>
/// <param name="Scaffold">The scaffold name (and version, where known: <c>name@version</c>).</param>
/// <param name="Model">The model name.</param>
public sealed record RecordProvenance(string TaskId, string Repo, string Commit, string ImageDigest, string VerifierDigest, string TrajectoryDigest, string Scaffold, string Model);

/// <summary>One accepted trajectory with everything stages 1-7 said about it: what stage 8 turns into training rows.</summary>
/// <param name="TrajectoryId">The trajectory's id.</param>
/// <param name="Trajectory">The normalized trajectory (prompt messages, steps, tools).</param>
/// <param name="Resolved">Evaluate's outcome.</param>
/// <param name="Reward">Stage 6's outcome and per-step rewards.</param>
/// <param name="FailureClass">Stage 7's class (<c>snake_case</c>) for a failed trajectory, else null.</param>
/// <param name="Provenance">Where it comes from.</param>
public sealed record PackageRecord(string TrajectoryId, Trajectory Trajectory, bool Resolved, RewardRecord Reward, string? FailureClass, RecordProvenance Provenance);
