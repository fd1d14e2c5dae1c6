namespace TrajectoryBuild.Agents;

/// <summary>When a run stops on its own: model calls, dollars, tokens (prompt + completion, summed over calls), wall-clock seconds; null is no limit.</summary>
internal sealed record AgentLimits(int? Steps, double? CostUsd, long? Tokens, int? WallSeconds);
