using System.Globalization;
using TrajectoryBuild.MacroBench.Inputs;
using TrajectoryBuild.MacroBench.Runs;

namespace TrajectoryBuild.MacroBench.Benchmarks;

/// <summary>
/// The timed plans: <c>trajbuild plan</c> on a built workspace (no change, or one task's commit changed) and
/// <c>ninja -n</c> on its ninja tree. Every run's output is checked, so a wrong answer fails instead of being timed.
/// </summary>
internal sealed class PlanRuns(BenchContext context)
{
    private readonly Dictionary<int, Samples> _noOp = [];
    private readonly Dictionary<int, Samples> _fullNoOp = [];

    public static string NoOpCommand => "trajbuild plan";

    public static string FullNoOpCommand => "trajbuild plan --no-stamp";

    public static string ChangeCommand => "trajbuild plan (tasks.jsonl edited: one commit changed)";

    public static string FullChangeCommand => "trajbuild plan --no-stamp (tasks.jsonl edited: one commit changed)";

    /// <summary>The no-op plans of <paramref name="workspace"/> (measured once per process and size).</summary>
    public async Task<Samples> NoOpAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (_noOp.TryGetValue(workspace.Tasks, out var known))
        {
            return known;
        }

        // The first plan after a build (or after this program was rebuilt) plans in full and keeps a stamp; the timed
        // runs are the ones a user gets from then on. A plan that keeps no stamp would time full plans: an error.
        var stamps = Path.Combine(workspace.Folder, ".trajbuild", "plan");
        if (Directory.Exists(stamps))
        {
            Directory.Delete(stamps, recursive: true);
        }

        var (file, args) = ProcessTimer.Trajbuild(["plan"]);
        var first = await ProcessTimer.RunCheckedAsync(file, args, workspace.Folder, cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first no-op plan, {workspace.Tasks:N0} tasks (in full, keeps the stamp): {first.Seconds:F3} s, peak {first.PeakMb:F0} MB"));
        if (!Directory.Exists(stamps) || Directory.GetFiles(stamps, "*.stamp").Length == 0)
        {
            throw new MacroBenchFailedException($"the no-op plan of {workspace.Folder} kept no stamp in {stamps}: the timed runs would be full plans");
        }

        var samples = await RepeatAsync($"no-op plan, {workspace.Tasks:N0} tasks", ["plan"], workspace.Folder, run => CheckNoOp(workspace, run), cancellationToken).ConfigureAwait(false);
        _noOp[workspace.Tasks] = samples;
        return samples;
    }

    /// <summary>The no-op plans of <paramref name="workspace"/> without the stamp or the action index: the plan in full.</summary>
    public async Task<Samples> FullNoOpAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (_fullNoOp.TryGetValue(workspace.Tasks, out var known))
        {
            return known;
        }

        var samples = await RepeatAsync($"no-op plan in full, {workspace.Tasks:N0} tasks", ["plan", "--no-stamp"], workspace.Folder, run => CheckNoOp(workspace, run), cancellationToken).ConfigureAwait(false);
        _fullNoOp[workspace.Tasks] = samples;
        return samples;
    }

    private static string? CheckNoOp(Workspace workspace, ProcessRun run)
    {
        var expected = string.Create(CultureInfo.InvariantCulture, $"{workspace.Targets} targets: {workspace.Targets} fresh, 0 cached, 0 stale, 0 missing. Nothing to do.");
        var last = LastLine(run.Stdout);
        return last == expected ? null : $"the no-op plan of {workspace.Folder} did not find every target fresh: '{last}' (expected '{expected}')";
    }

    /// <summary>
    /// The plans after one task's commit changed in <c>tasks.jsonl</c>, as a user edits it: from the stamp the last no-op
    /// plan kept (the base of the plan after a change), and in full (<paramref name="inFull"/>: no stamp, no action
    /// index). Each must list exactly the changed task's targets as not fresh. The file is put back afterwards (and by
    /// <see cref="Workspace.EnsureAsync"/>, if a run was killed with it swapped).
    /// </summary>
    public async Task<Samples> ChangeAsync(Workspace workspace, bool inFull, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!inFull)
        {
            // The base: the stamp of a no-op plan, as a user who planned or built before has one.
            await NoOpAsync(workspace, cancellationToken).ConfigureAwait(false);
        }

        var expected = workspace.AffectedTargets.Order(StringComparer.Ordinal).ToList();
        workspace.SwapInChangedTasks();
        try
        {
            return await RepeatAsync($"one-change plan{(inFull ? " in full" : string.Empty)}, {workspace.Tasks:N0} tasks", inFull ? ["plan", "--no-stamp"] : ["plan"], workspace.Folder, run =>
            {
                var found = NotFresh(run.Stdout).Order(StringComparer.Ordinal).ToList();
                return found.SequenceEqual(expected, StringComparer.Ordinal)
                    ? null
                    : $"the one-change plan found {found.Count} targets not fresh ({Short(found)}); expected exactly {expected.Count} ({Short(expected)})";
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            workspace.RestoreTasks();
        }
    }

    /// <summary><c>ninja -n</c> on the tree: up to date, or (<paramref name="changed"/>) exactly the changed task's edges.</summary>
    public async Task<Samples> NinjaAsync(NinjaTree tree, bool changed, CancellationToken cancellationToken)
    {
        tree.Touch(changed);
        try
        {
            return await RepeatAsync(NinjaFile, $"ninja -n, {tree.Tasks:N0} tasks{(changed ? ", one change" : string.Empty)}", ["-n"], tree.Folder, run =>
            {
                var edges = run.Stdout.Split('\n').Count(l => l.StartsWith('['));
                return changed
                    ? edges == NinjaTree.AffectedEdges ? null : $"ninja -n listed {edges} edges after one change; expected {NinjaTree.AffectedEdges}"
                    : run.Stdout.Contains("ninja: no work to do.", StringComparison.Ordinal) ? null : $"ninja -n found work in {tree.Folder}: {LastLine(run.Stdout)}";
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            tree.Touch(changed: false);
        }
    }

    /// <summary>The ninja program: <c>ninja</c> on PATH.</summary>
    public static string NinjaFile => FindOnPath("ninja") ?? throw new MacroBenchFailedException(
        "ninja is required for the ninja comparison: apt-get install ninja-build (or pass --no-ninja to skip it, which the results then say)");

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private Task<Samples> RepeatAsync(string what, IReadOnlyList<string> args, string folder, Func<ProcessRun, string?> check, CancellationToken cancellationToken)
    {
        var (file, all) = ProcessTimer.Trajbuild(args);
        return RepeatAsync(file, what, all, folder, check, cancellationToken);
    }

    private async Task<Samples> RepeatAsync(string file, string what, IReadOnlyList<string> args, string folder, Func<ProcessRun, string?> check, CancellationToken cancellationToken)
    {
        var samples = new Samples();
        for (var i = 0; i < context.Options.Warmup + context.Options.Iterations; i++)
        {
            var run = await ProcessTimer.RunCheckedAsync(file, args, folder, cancellationToken).ConfigureAwait(false);
            if (check(run) is { } wrong)
            {
                throw new MacroBenchFailedException(wrong);
            }

            var measured = i >= context.Options.Warmup;
            if (measured)
            {
                samples.Add(run);
            }

            context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {run.Seconds:F3} s, peak {run.PeakMb:F0} MB{(measured ? string.Empty : " (warm-up)")}"));
        }

        return samples;
    }

    private static IEnumerable<string> NotFresh(string plan) =>
        plan.Split('\n').Skip(1).Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("  FRESH ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries)[^1].Trim());

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";

    private static string Short(List<string> ids) => ids.Count <= 8 ? string.Join(", ", ids) : string.Join(", ", ids.Take(8)) + ", ...";
}
