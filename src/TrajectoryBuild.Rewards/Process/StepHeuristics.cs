using TrajectoryBuild.Rewards.Process.Heuristics;

namespace TrajectoryBuild.Rewards.Process;

/// <summary>The known step heuristics.</summary>
public static class StepHeuristics
{
    /// <summary>Every heuristic, in a fixed order (the order their signals are listed in).</summary>
    public static IReadOnlyList<IStepHeuristic> All { get; } =
        [new RevertedEdit(), new GoldFileEdit(), new TestsAfterEdit(), new InLoop(), new RetriedError()];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(h => h.Name)];

    /// <summary>The heuristic named <paramref name="name"/>, or null.</summary>
    public static IStepHeuristic? Find(string name) => All.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal));
}
