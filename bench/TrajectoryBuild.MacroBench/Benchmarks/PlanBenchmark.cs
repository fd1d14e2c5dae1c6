using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Inputs;
using TrajectoryBuild.MacroBench.Report;
using TrajectoryBuild.MacroBench.Runs;

namespace TrajectoryBuild.MacroBench.Benchmarks;

/// <summary>
/// Benchmarks 1 and 2 of issue 10: the no-op plan of --tasks tasks (goal: at most 2 s and 1 GiB, at most 2x ninja -n) and
/// the plan after one task's commit changed (exactly the affected targets, same budget), each beside ninja -n.
/// </summary>
internal static class PlanBenchmark
{
    public const double GoalSeconds = 2.0;
    public const double GoalPeakMb = 1024;
    public const double GoalRatio = 2.0;

    public static async Task<string> RunAsync(BenchContext context, PlanRuns runs, bool change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runs);
        var options = context.Options;
        var name = change ? "plan-change" : "plan-noop";
        var title = change
            ? $"Plan after one task's commit changed, {options.Tasks:N0} tasks"
            : $"No-op plan, {options.Tasks:N0} tasks, every target FRESH";
        var file = new ResultFile(name, title, context.Reproduce(change ? "change" : "plan", $"--tasks {options.Tasks}"));
        var workspace = await Workspace.EnsureAsync(context.WorkFolder, options.Tasks, context.Log, cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine($"{name}: {workspace.Targets:N0} targets");
        var ours = change ? await runs.ChangeAsync(workspace, inFull: false, cancellationToken).ConfigureAwait(false) : await runs.NoOpAsync(workspace, cancellationToken).ConfigureAwait(false);
        var full = change ? await runs.ChangeAsync(workspace, inFull: true, cancellationToken).ConfigureAwait(false) : await runs.FullNoOpAsync(workspace, cancellationToken).ConfigureAwait(false);
        Samples? ninja = null;
        if (options.Ninja)
        {
            var tree = NinjaTree.Ensure(context.WorkFolder, options.Tasks, context.Log);
            ninja = await runs.NinjaAsync(tree, change, cancellationToken).ConfigureAwait(false);
        }

        var command = change ? PlanRuns.ChangeCommand : PlanRuns.NoOpCommand;
        var size = string.Create(CultureInfo.InvariantCulture, $"{options.Tasks:N0} tasks, {workspace.Targets:N0} targets");
        file.Results["tasks"] = options.Tasks;
        file.Results["targets"] = workspace.Targets;
        file.Results["command"] = command;
        file.Results["pipeline"] = "bench pipeline (bench/TrajectoryBuild.MacroBench/Pipeline): the real engine and CLI, stages that write one small file";
        file.Results["workspace_build_seconds"] = Math.Round(workspace.BuildSeconds, 1);
        file.Results["workspace_build_peak_mb"] = Math.Round(workspace.BuildPeakMb, 1);
        file.Results["trajbuild"] = ours.ToJson();
        if (change)
        {
            file.Results["affected_targets"] = new JsonArray([.. workspace.AffectedTargets.Select(t => (JsonNode)t)]);
        }

        var what = change ? "plan, one commit changed" : "no-op plan";
        file.Row(
            $"{what}: trajbuild", size, ResultFile.Seconds(ours.MedianSeconds), ResultFile.Megabytes(ours.MaxPeakMb),
            $"<= {GoalSeconds:F0} s, <= 1 GiB", ours.MedianSeconds <= GoalSeconds && ours.MaxPeakMb <= GoalPeakMb, command);
        file.Results["trajbuild_full"] = full.ToJson();
        var fullCommand = change ? PlanRuns.FullChangeCommand : PlanRuns.FullNoOpCommand;
        file.Results["trajbuild_full"]!["command"] = fullCommand;
        file.Row(
            $"{what} in full (no stamp, no action index): trajbuild", size, ResultFile.Seconds(full.MedianSeconds), ResultFile.Megabytes(full.MaxPeakMb),
            "-", null, fullCommand);

        if (ninja is null)
        {
            file.Results["ninja"] = "skipped: --no-ninja";
        }
        else
        {
            var ratio = ours.MedianSeconds / ninja.MedianSeconds;
            file.Results["ninja"] = ninja.ToJson();
            file.Results["ninja"]!["command"] = "ninja -n";
            file.Results["ninja"]!["edges"] = workspace.Targets;
            file.Results["ratio_trajbuild_to_ninja"] = Math.Round(ratio, 2);
            file.Row(
                $"{what}: ninja -n", $"{workspace.Targets:N0} edges", ResultFile.Seconds(ninja.MedianSeconds), ResultFile.Megabytes(ninja.MaxPeakMb),
                "-", null, "ninja -n");
            file.Row(
                $"{what}: trajbuild / ninja", size, string.Create(CultureInfo.InvariantCulture, $"{ratio:F1}x"), "-",
                $"<= {GoalRatio:F0}x", ratio <= GoalRatio, "median / median");
        }

        return await file.WriteAsync(context.OutFolder, cancellationToken).ConfigureAwait(false);
    }
}
