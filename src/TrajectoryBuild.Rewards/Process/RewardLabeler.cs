using TrajectoryBuild.Rewards.Outcome;

namespace TrajectoryBuild.Rewards.Process;

/// <summary>Stage 6 for one trajectory: its outcome reward and its process rewards, in one record.</summary>
public static class RewardLabeler
{
    /// <summary>The reward record of <paramref name="facts"/>.</summary>
    /// <param name="facts">The trajectory and what is known about it.</param>
    /// <param name="outcome">The outcome rules.</param>
    /// <param name="process">The process rules (their version is the record's).</param>
    /// <param name="monteCarlo">This trajectory's Monte-Carlo signals, or null.</param>
    public static RewardRecord Label(TrajectoryFacts facts, OutcomeRules outcome, ProcessRules process, IReadOnlyDictionary<int, StepSignal>? monteCarlo = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(process);
        return new(facts.TrajectoryId, OutcomeReward.Of(facts.Evaluation, outcome), ProcessRewards.Label(facts, process, monteCarlo), process.Version);
    }
}
