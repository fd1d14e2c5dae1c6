using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Inputs;
using TrajectoryBuild.MacroBench.Report;

namespace TrajectoryBuild.MacroBench.Benchmarks;

/// <summary>
/// The scaling curve: no-op plan time and peak memory at each --scaling size. Points of other sizes already in
/// scaling.json (the long 1M run, made by its own command) are kept with their own dates, so the curve grows.
/// </summary>
internal static class ScalingBenchmark
{
    public const string Name = "scaling";

    public static async Task<string> RunAsync(BenchContext context, PlanRuns runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runs);
        var sizes = context.Options.Scaling.Distinct().Order().ToList();
        var file = new ResultFile(Name, "No-op plan time and peak memory against the number of tasks", context.Reproduce(Name, $"--scaling {string.Join(',', sizes)}"));
        var points = new SortedDictionary<int, JsonObject>(Previous(context.OutFolder));
        foreach (var tasks in sizes)
        {
            var workspace = await Workspace.EnsureAsync(context.WorkFolder, tasks, context.Log, cancellationToken).ConfigureAwait(false);
            var samples = await runs.NoOpAsync(workspace, cancellationToken).ConfigureAwait(false);
            var full = await runs.FullNoOpAsync(workspace, cancellationToken).ConfigureAwait(false);
            points[tasks] = new JsonObject
            {
                ["tasks"] = tasks,
                ["targets"] = workspace.Targets,
                ["median_seconds"] = Math.Round(samples.MedianSeconds, 4),
                ["peak_mb"] = Math.Round(samples.MaxPeakMb, 1),
                ["full_median_seconds"] = Math.Round(full.MedianSeconds, 4),
                ["full_peak_mb"] = Math.Round(full.MaxPeakMb, 1),
                ["runs"] = samples.Runs.Count,
                ["workspace_build_seconds"] = Math.Round(workspace.BuildSeconds, 1),
                ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                ["load_average"] = new JsonArray([.. Runs.Machine.LoadAverages().Select(l => (JsonNode)l)]),
                ["reproduce"] = context.Reproduce(Name, $"--scaling {tasks}"),
            };
        }

        file.Results["command"] = PlanRuns.NoOpCommand;
        file.Results["points"] = new JsonArray([.. points.Values.Select(p => (JsonNode)p.DeepClone())]);
        foreach (var point in points.Values)
        {
            var tasks = point["tasks"]!.GetValue<int>();
            // A point kept from an earlier run says when it was measured: the row's date is this run's.
            var earlier = sizes.Contains(tasks) ? string.Empty : $" (measured {point["date"]}, load {point["load_average"]?.ToJsonString()})";
            file.Row(
                "no-op plan (scaling)", string.Create(CultureInfo.InvariantCulture, $"{tasks:N0} tasks, {point["targets"]!.GetValue<long>():N0} targets{earlier}"),
                ResultFile.Seconds(point["median_seconds"]!.GetValue<double>()), ResultFile.Megabytes(point["peak_mb"]!.GetValue<double>()), "-", null,
                PlanRuns.NoOpCommand);
            if (point["full_median_seconds"] is { } fullSeconds)
            {
                file.Row(
                    "no-op plan in full (scaling)", string.Create(CultureInfo.InvariantCulture, $"{tasks:N0} tasks, {point["targets"]!.GetValue<long>():N0} targets{earlier}"),
                    ResultFile.Seconds(fullSeconds.GetValue<double>()), ResultFile.Megabytes(point["full_peak_mb"]!.GetValue<double>()), "-", null,
                    PlanRuns.FullNoOpCommand);
            }
        }

        return await file.WriteAsync(context.OutFolder, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<int, JsonObject> Previous(string folder)
    {
        var path = Path.Combine(folder, $"{Name}.json");
        if (!File.Exists(path))
        {
            return [];
        }

        var points = JsonNode.Parse(File.ReadAllText(path))?["results"]?["points"] as JsonArray ?? [];
        return points.OfType<JsonObject>().ToDictionary(p => p["tasks"]!.GetValue<int>(), p => (JsonObject)p.DeepClone());
    }
}
