using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Inputs;
using TrajectoryBuild.MacroBench.Pipeline;
using TrajectoryBuild.MacroBench.Report;
using TrajectoryBuild.MacroBench.Runs;

namespace TrajectoryBuild.MacroBench.Benchmarks;

/// <summary>
/// Benchmark 6 of issue 10: restoring --cache-targets cached targets with <c>trajbuild build</c>, from the local store
/// (cache present, lock gone: every target CACHED) and from nginx WebDAV on loopback (an empty state folder, read-only
/// <c>--cache-url</c>). The workspace is built once with <c>--cache-url</c>, which uploads every result to nginx.
/// </summary>
internal static class CacheBenchmark
{
    public const string Name = "cache-restore";
    private const string Version = "1";

    public static async Task<string> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tasks = (context.Options.CacheTargets - 2 + BenchPipeline.TargetsPerTask - 1) / BenchPipeline.TargetsPerTask;
        var targets = BenchPipeline.TargetCount(tasks);
        var folder = Path.Combine(context.WorkFolder, string.Create(CultureInfo.InvariantCulture, $"cache-{tasks}-g{TaskFile.GeneratorVersion}.{Version}"));
        var file = new ResultFile(Name, $"Restoring {targets:N0} cached targets", context.Reproduce("cache", $"--cache-targets {context.Options.CacheTargets}"));
        using var nginx = await EnsureAsync(context, folder, tasks, cancellationToken).ConfigureAwait(false);
        var expected = string.Create(CultureInfo.InvariantCulture, $"Done: 0 built, {targets} restored from cache, 0 up to date, 0 failed.");
        var local = await RepeatAsync(context, $"local restore, {targets:N0} targets", folder, ["build", "-m", Workspace.Manifest], expected, remoteState: null, cancellationToken).ConfigureAwait(false);
        var remoteState = Path.Combine(folder, "remote-state");
        var remote = await RepeatAsync(
            context, $"nginx restore, {targets:N0} targets", folder,
            ["build", "-m", Workspace.Manifest, "--state-dir", "remote-state", "--cache-url", nginx.Url, "--cache-read-only"], expected, remoteState, cancellationToken).ConfigureAwait(false);

        file.Results["targets"] = targets;
        file.Results["tasks"] = tasks;
        file.Results["local"] = local.ToJson();
        file.Results["local"]!["command"] = "trajbuild build (cache present, datasets.lock removed)";
        file.Results["nginx"] = remote.ToJson();
        file.Results["nginx"]!["command"] = "trajbuild build --state-dir EMPTY --cache-url http://127.0.0.1:PORT/cache/ --cache-read-only";
        var size = string.Create(CultureInfo.InvariantCulture, $"{targets:N0} targets");
        file.Row("cache restore: local store", size, ResultFile.Seconds(local.MedianSeconds), ResultFile.Megabytes(local.MaxPeakMb), "-", null,
            "trajbuild build (lock removed)");
        file.Row("cache restore: nginx on loopback", size, ResultFile.Seconds(remote.MedianSeconds), ResultFile.Megabytes(remote.MaxPeakMb), "-", null,
            "trajbuild build --cache-url URL --cache-read-only (empty state)");
        file.Row("cache restore: targets per second (local / nginx)", size,
            string.Create(CultureInfo.InvariantCulture, $"{targets / local.MedianSeconds:F0} / {targets / remote.MedianSeconds:F0}"), "-", "-", null, "targets / median");
        return await file.WriteAsync(context.OutFolder, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Samples> RepeatAsync(
        BenchContext context, string what, string folder, IReadOnlyList<string> args, string expected, string? remoteState, CancellationToken cancellationToken)
    {
        var (program, all) = ProcessTimer.Trajbuild(args);
        var samples = new Samples();
        for (var i = 0; i < context.Options.Warmup + context.Options.Iterations; i++)
        {
            File.Delete(Path.Combine(folder, "datasets.lock"));
            if (remoteState is not null && Directory.Exists(remoteState))
            {
                Directory.Delete(remoteState, recursive: true);
            }

            var run = await ProcessTimer.RunCheckedAsync(program, all, folder, cancellationToken).ConfigureAwait(false);
            if (!run.Stdout.Contains(expected, StringComparison.Ordinal))
            {
                throw new MacroBenchFailedException($"{what}: the build did not restore every target: '{run.Stdout.Trim().Split('\n')[^1]}' (expected '{expected}')");
            }

            if (i >= context.Options.Warmup)
            {
                samples.Add(run);
            }

            context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {run.Seconds:F2} s, peak {run.PeakMb:F0} MB{(i < context.Options.Warmup ? " (warm-up)" : string.Empty)}"));
        }

        return samples;
    }

    // The workspace, built once with every result uploaded to nginx; nginx is left running for the restores.
    private static async Task<NginxServer> EnsureAsync(BenchContext context, string folder, int tasks, CancellationToken cancellationToken)
    {
        var ready = Path.Combine(folder, "ready.json");
        var built = File.Exists(ready);
        if (!built && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var nginx = await NginxServer.StartAsync(Path.Combine(folder, "nginx"), cancellationToken).ConfigureAwait(false);
        if (built)
        {
            return nginx;
        }

        try
        {
            TaskFile.Write(Path.Combine(folder, "tasks.jsonl"), tasks);
            await File.WriteAllTextAsync(Path.Combine(folder, Workspace.Manifest), Workspace.ManifestText("tasks.jsonl"), cancellationToken).ConfigureAwait(false);
            context.Log.WriteLine($"cache: building {BenchPipeline.TargetCount(tasks):N0} targets once, uploading each to nginx ...");
            var (program, args) = ProcessTimer.Trajbuild(["build", "-m", Workspace.Manifest, "--cache-url", nginx.Url]);
            var build = await ProcessTimer.RunCheckedAsync(program, args, folder, cancellationToken).ConfigureAwait(false);
            context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cache: built and uploaded in {build.Seconds:F1} s"));
            var record = new JsonObject { ["tasks"] = tasks, ["build_seconds"] = Math.Round(build.Seconds, 1) };
            await File.WriteAllTextAsync(ready, record.ToJsonString() + "\n", cancellationToken).ConfigureAwait(false);
            return nginx;
        }
        catch
        {
            nginx.Dispose();
            throw;
        }
    }
}
