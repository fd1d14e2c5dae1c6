namespace TrajectoryBuild.Rewards.Process;

/// <summary>The names of the process-reward sources, as the manifest's <c>rewards.process.sources</c> lists them.</summary>
public static class ProcessSources
{
    /// <summary>Turn scores an annotator or reviewer gave (stage 5's human and adjudicated turns).</summary>
    public const string Human = "human";

    /// <summary>The step heuristics (<see cref="StepHeuristics"/>).</summary>
    public const string Heuristics = "heuristics";

    /// <summary>The Monte-Carlo estimate over rollouts sharing a prefix (<see cref="MonteCarlo"/>).</summary>
    public const string MonteCarlo = "monte_carlo";

    /// <summary>The source of a step no source had an opinion on.</summary>
    public const string None = "none";

    /// <summary>Every source, in the default priority order.</summary>
    public static IReadOnlyList<string> All { get; } = [Human, Heuristics, MonteCarlo];
}
