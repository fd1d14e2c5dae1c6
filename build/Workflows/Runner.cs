namespace Build.Workflows;

/// <summary>Where the jobs run and for how long; docs/ci.md says why these numbers.</summary>
internal static class Runner
{
    /// <summary>A runner label from the repository variable TRAJBUILD_RUNNER, else GitHub's hosted Ubuntu runner.</summary>
    public static string Label => Expressions.Of($"vars.{LabelVariable} || 'ubuntu-latest'");

    public const string LabelVariable = "TRAJBUILD_RUNNER";

    /// <summary>Plans, restores and releases: the host build, a plan, downloads.</summary>
    public const int ShortJobMinutes = 60;

    /// <summary>
    /// A build leg: 72 hours, below the 5 days a self-hosted job may run (a hosted runner stops every job at 6 hours).
    /// The workflow schema takes a number here, not an expression, so a change is a change to this generator.
    /// </summary>
    public const int LegMinutes = 4320;

    /// <summary>
    /// How long a leg waits for a target another leg owns, unless TRAJBUILD_SHARD_TIMEOUT says otherwise: about the
    /// leg's own limit, since that target may wait in its owner's queue for most of the build; a failed leg cancels the
    /// others at once (fail-fast) and a hung one is stopped by its job timeout.
    /// </summary>
    public static string ShardTimeout => $"{LegMinutes - 30}m";

    /// <summary>Publishing a release: downloads an artifact and calls the GitHub API.</summary>
    public const int PublishMinutes = 30;
}
