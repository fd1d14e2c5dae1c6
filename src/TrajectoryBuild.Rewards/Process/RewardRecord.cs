using TrajectoryBuild.Rewards.Outcome;

namespace TrajectoryBuild.Rewards.Process;

/// <summary>Stage 6's result for one trajectory: its outcome reward and one process reward per step (<c>reward.json</c>).</summary>
/// <param name="TrajectoryId">The trajectory's id.</param>
/// <param name="Outcome">The outcome reward.</param>
/// <param name="Steps">The process rewards, in step order.</param>
/// <param name="RulesVersion">The manifest's <c>rewards.rules_version</c> the labels were made under.</param>
public sealed record RewardRecord(string TrajectoryId, OutcomeReward Outcome, IReadOnlyList<StepReward> Steps, int RulesVersion);
