namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// How DPO pairs are drawn: within a group of trajectories of the same task that share the same prompt messages and
/// tools, every resolved one with every unresolved one, both sides ordered by trajectory id (ordinal), enumerated so
/// that pair <c>p</c> takes resolved <c>i = p mod R</c> and unresolved <c>(i + p div R) mod U</c> (each trajectory is
/// used as evenly as possible before any pair repeats a side), capped at <see cref="MaxPairsPerTask"/> per group.
/// </summary>
/// <param name="MaxPairsPerTask">The most pairs one group (task and prompt) contributes; at least 1.</param>
public sealed record PairingRule(int MaxPairsPerTask = 8)
{
    /// <summary>The rule in one line, for the dataset card and provenance.</summary>
    public string Describe() =>
        $"same task and prompt; each resolved x each unresolved, ordered by trajectory id, round-robin, at most {MaxPairsPerTask} per task";
}
