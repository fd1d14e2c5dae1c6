namespace TrajectoryBuild.Rewards.Outcome;

/// <summary>The manifest's <c>rewards.outcome</c>: what a resolved and an unresolved trajectory earn.</summary>
/// <param name="Resolved">The reward when Evaluate resolved the task (default 1).</param>
/// <param name="Unresolved">The reward otherwise (default 0).</param>
/// <param name="PartialCredit">
/// Whether an unresolved trajectory that broke no PASS_TO_PASS test earns a share of the difference, scaled by its
/// FAIL_TO_PASS pass fraction.
/// </param>
public sealed record OutcomeRules(double Resolved = 1, double Unresolved = 0, bool PartialCredit = false)
{
    /// <summary>1 for resolved, 0 otherwise, no partial credit.</summary>
    public static OutcomeRules Default { get; } = new();
}
