using TrajectoryBuild.Verification.Gate;

namespace TrajectoryBuild.Rewards.Process.Heuristics;

/// <summary>
/// <c>gold_file_edit</c>: +1 on an edit of a file the gold patch touches; -1 on an edit of files it does not touch (test
/// files aside: editing a test is not a localization signal). Silent when the gold files are unknown.
/// </summary>
internal sealed class GoldFileEdit : IStepHeuristic
{
    public string Name => "gold_file_edit";

    public IReadOnlyDictionary<int, StepSignal> Label(TrajectoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var signals = new SortedDictionary<int, StepSignal>();
        if (facts.GoldFiles.Count == 0)
        {
            return signals;
        }

        foreach (var step in FileChanges.Of(facts.Trajectory).Where(c => c.Kind == ChangeKind.Edit && c.Path is not null).GroupBy(c => c.Step))
        {
            var paths = step.Select(c => c.Path!).Distinct(StringComparer.Ordinal).ToList();
            if (paths.FirstOrDefault(p => IsGold(p, facts.GoldFiles)) is { } gold)
            {
                signals[step.Key] = StepSignal.Heuristic(Name, 1, $"step {step.Key}: edits {gold}, which the gold patch touches");
            }
            else if (paths.FirstOrDefault(p => !TurnActions.IsTestFile(p)) is { } other)
            {
                signals[step.Key] = StepSignal.Heuristic(Name, -1, $"step {step.Key}: edits {other}, which the gold patch does not touch ({string.Join(", ", facts.GoldFiles.Order(StringComparer.Ordinal))})");
            }
        }

        return signals;
    }

    // An agent that names files from another root (/repo/src/a.py) still edits the gold file src/a.py.
    private static bool IsGold(string path, IReadOnlySet<string> gold) =>
        gold.Contains(path) || gold.Any(g => path.EndsWith($"/{g}", StringComparison.Ordinal));
}
