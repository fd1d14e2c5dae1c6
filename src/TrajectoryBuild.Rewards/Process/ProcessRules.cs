namespace TrajectoryBuild.Rewards.Process;

/// <summary>
/// The declared rule set that combines process-reward sources (the manifest's <c>rewards.process</c> and
/// <c>rewards.rules_version</c>): for each step, the first source in <see cref="Sources"/> with an opinion decides.
/// </summary>
/// <param name="Sources">The sources in priority order, each one of <see cref="ProcessSources.All"/>.</param>
/// <param name="Heuristics">The enabled heuristics, by name (<see cref="StepHeuristics.Names"/>).</param>
/// <param name="Version">The rules version: bumped whenever a rule changes meaning.</param>
public sealed record ProcessRules(IReadOnlyList<string> Sources, IReadOnlyList<string> Heuristics, int Version)
{
    /// <summary>How many trajectories must share a prefix before the Monte-Carlo estimate has an opinion (default 2).</summary>
    public int MinRollouts { get; init; } = 2;

    /// <summary>Every source in the default order, every heuristic, version 1.</summary>
    public static ProcessRules Default { get; } = new(ProcessSources.All, StepHeuristics.Names, 1);

    /// <summary>Everything wrong with the rules, one line each (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var source in Sources.Where(s => !ProcessSources.All.Contains(s, StringComparer.Ordinal)))
        {
            errors.Add($"process.sources: unknown source '{source}'; sources: {string.Join(", ", ProcessSources.All)}");
        }

        foreach (var name in Heuristics.Where(h => StepHeuristics.Find(h) is null))
        {
            errors.Add($"process.heuristics: unknown heuristic '{name}'; heuristics: {string.Join(", ", StepHeuristics.Names)}");
        }

        errors.AddRange(Duplicates(Sources).Select(s => $"process.sources: '{s}' is listed twice"));
        errors.AddRange(Duplicates(Heuristics).Select(h => $"process.heuristics: '{h}' is listed twice"));
        if (Version < 1)
        {
            errors.Add($"rules_version: must be at least 1, got {Version}");
        }

        if (MinRollouts < 1)
        {
            errors.Add($"process.monte_carlo.rollouts: must be at least 1, got {MinRollouts}");
        }

        return errors;
    }

    private static IEnumerable<string> Duplicates(IReadOnlyList<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
}
