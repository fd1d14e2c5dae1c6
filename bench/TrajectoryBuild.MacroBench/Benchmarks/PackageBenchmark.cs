using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Inputs;
using TrajectoryBuild.MacroBench.Report;
using TrajectoryBuild.MacroBench.Runs;

namespace TrajectoryBuild.MacroBench.Benchmarks;

/// <summary>
/// Benchmark 4 of issue 10: packaging --trajectories normalized trajectories into the ShareGPT and OpenAI corpora as
/// JSON Lines and Parquet, in MB written per second of packaging (goal: at least 150 MB/s). Each run is a child process
/// (its peak memory is its own); the rate is the bytes of every shard over the packaging time the child measures, after
/// it made its records in memory.
/// </summary>
internal static class PackageBenchmark
{
    public const string Name = "package";
    public const double GoalMbPerSecond = 150;

    public static async Task<string> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = context.Options.Trajectories;
        var file = new ResultFile(Name, $"Packaging {count:N0} trajectories to JSONL + Parquet", context.Reproduce(Name, $"--trajectories {count}"));
        var output = Path.Combine(context.WorkFolder, "package-out");
        var (program, args) = ProcessTimer.Self([PackageChild.Command, context.Root, count.ToString(CultureInfo.InvariantCulture), output]);
        var runs = new List<(ProcessRun Run, JsonObject Result)>();
        for (var i = 0; i < context.Options.Warmup + context.Options.Iterations; i++)
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            var run = await ProcessTimer.RunCheckedAsync(program, args, context.Root, cancellationToken).ConfigureAwait(false);
            var result = JsonNode.Parse(run.Stdout.Trim().Split('\n')[^1])!.AsObject();
            var rows = result["rows"]!.GetValue<long>();
            if (rows != (long)count * PackageChild.Formats.Count)
            {
                throw new MacroBenchFailedException($"packaging {count} trajectories wrote {rows} JSONL rows; expected {count * PackageChild.Formats.Count} (one per trajectory and corpus)");
            }

            var rate = Rate(result);
            context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  package {count:N0}: {result["bytes"]!.GetValue<long>() / 1e6:F0} MB in {result["package_seconds"]} s ({result["package_cpu_seconds"]} s of CPU) = {rate:F0} MB/s, process {run.Seconds:F1} s, peak {run.PeakMb:F0} MB, {result["memory_free_mb_before"]} MB free before{(i < context.Options.Warmup ? " (warm-up)" : string.Empty)}"));
            if (i >= context.Options.Warmup)
            {
                runs.Add((run, result));
            }
        }

        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var median = Samples.Median(runs.Select(r => Rate(r.Result)));
        var last = runs[^1].Result;
        var peak = runs.Max(r => r.Run.PeakMb);
        file.Results["trajectories"] = count;
        file.Results["corpora"] = new JsonArray([.. PackageChild.Formats.Select(f => (JsonNode)f.ToString())]);
        file.Results["files"] = "jsonl, parquet";
        file.Results["shard_rows"] = PackageChild.ShardRows;
        file.Results["splits"] = "by repository, train 0.9 and test 0.1 (the manifest's default), rows of both interleaved in id order";
        file.Results["rows_by_split"] = last["rows_by_split"]!.DeepClone();
        file.Results["generator"] = $"PackageCorpus v{PackageCorpus.GeneratorVersion} (the import corpus generator's text pool)";
        file.Results["bytes_written"] = last["bytes"]!.DeepClone();
        file.Results["bytes_jsonl"] = last["bytes_jsonl"]!.DeepClone();
        file.Results["bytes_parquet"] = last["bytes_parquet"]!.DeepClone();
        file.Results["median_mb_per_second"] = Math.Round(median, 1);
        file.Results["runs_mb_per_second"] = new JsonArray([.. runs.Select(r => (JsonNode)Math.Round(Rate(r.Result), 1))]);
        file.Results["runs_package_seconds"] = new JsonArray([.. runs.Select(r => r.Result["package_seconds"]!.DeepClone())]);
        file.Results["runs_package_cpu_seconds"] = new JsonArray([.. runs.Select(r => r.Result["package_cpu_seconds"]!.DeepClone())]);
        file.Results["runs_memory_free_mb_before"] = new JsonArray([.. runs.Select(r => r.Result["memory_free_mb_before"]!.DeepClone())]);
        file.Results["runs_make_seconds"] = new JsonArray([.. runs.Select(r => r.Result["make_seconds"]!.DeepClone())]);
        file.Results["process_median_seconds"] = Math.Round(Samples.Median(runs.Select(r => r.Run.Seconds)), 3);
        file.Results["peak_mb_max"] = Math.Round(peak, 1);
        var size = string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} trajectories -> {last["bytes"]!.GetValue<long>() / 1e6:F0} MB ({last["bytes_jsonl"]!.GetValue<long>() / 1e6:F0} JSONL + {last["bytes_parquet"]!.GetValue<long>() / 1e6:F0} Parquet)");
        file.Row("packaging (ShareGPT + OpenAI)", size, string.Create(CultureInfo.InvariantCulture, $"{median:F0} MB/s"), ResultFile.Megabytes(peak),
            $">= {GoalMbPerSecond:F0} MB/s", median >= GoalMbPerSecond, "CorporaWriter (Package stage code)");
        return await file.WriteAsync(context.OutFolder, cancellationToken).ConfigureAwait(false);
    }

    private static double Rate(JsonObject result) => result["bytes"]!.GetValue<long>() / 1e6 / Math.Max(result["package_seconds"]!.GetValue<double>(), 1e-6);
}
