using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Agents;

/// <summary>
/// How a run ended: its exit status (<see cref="ExitStatuses"/>), the sandbox's diff at the end (null only when it
/// could not be taken), the number of model calls answered, and the usage totals.
/// </summary>
internal sealed record AgentOutcome(string ExitStatus, string? Patch, int Steps, Usage Usage);
