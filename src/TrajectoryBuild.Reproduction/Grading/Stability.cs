using TrajectoryBuild.Reproduction.Parsing;

namespace TrajectoryBuild.Reproduction.Grading;

/// <summary>Combines k runs of one configuration: a test whose status is not the same in every run (or that is missing from some) is flaky.</summary>
internal static class Stability
{
    public static TestRun Combine(IReadOnlyList<TestRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("at least one run is needed", nameof(runs));
        }

        // A run that could not be graded, or whose suite did not run, decides the outcome: there is nothing stable to compare.
        if (runs.FirstOrDefault(run => !run.Found || run.CollectionError is not null || run.Statuses.Count == 0) is { } broken)
        {
            return broken;
        }

        var tests = runs.SelectMany(run => run.Statuses.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var stable = new Dictionary<string, TestStatus>(StringComparer.Ordinal);
        var flaky = new List<string>(runs.SelectMany(run => run.Flaky));
        foreach (var test in tests)
        {
            var statuses = runs.Select(run => run.Statuses.TryGetValue(test, out var s) ? s : (TestStatus?)null).Distinct().ToList();
            if (statuses is [{ } only])
            {
                stable[test] = only;
            }
            else
            {
                flaky.Add(test);
            }
        }

        // What the sandbox refused, in any run: once per kind and test, with the first run's line.
        var refusals = runs.SelectMany(run => run.Refusals).DistinctBy(r => (r.Kind, r.Test))
            .OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Test, StringComparer.Ordinal).ToList();
        return new TestRun(stable, Found: true, runs[0].ExitCode) { Flaky = [.. flaky.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], Refusals = refusals };
    }
}
