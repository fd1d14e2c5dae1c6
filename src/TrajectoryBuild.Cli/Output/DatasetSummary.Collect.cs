using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Packaging.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rewards.Stages;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Cli.Output;

internal static partial class DatasetSummary
{
    private const string ReportFile = "report.json";
    private const string DataFolder = "data/";

    /// <summary>Reads the reports of a finished build from the cache and writes the summary of each dataset.</summary>
    public static async Task WriteAsync(BuildReport report, LocalCache cache, ManifestDocument manifest, TextWriter writer, CancellationToken cancellationToken)
    {
        Write(await CollectAsync(report, cache, manifest, cancellationToken).ConfigureAwait(false), writer);
    }

    /// <summary>
    /// The reports of every dataset with a dataset-level target in <paramref name="report"/>, read from the cache.
    /// Only targets that finished (built, restored or up to date) count; one that cannot be read is left out.
    /// </summary>
    public static async Task<IReadOnlyList<DatasetReports>> CollectAsync(BuildReport report, LocalCache cache, ManifestDocument manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(manifest);
        var outputs = new Dictionary<string, TargetOutputs>(StringComparer.Ordinal);
        // Only the targets read below: dataset-level ones and environments (not the 400,000 per-task targets of a large build).
        foreach (var result in report.Results.Where(r => DatasetOf(r.TargetId) is not null || r.TargetId.StartsWith(EnvironmentStage.StageName + "/", StringComparison.Ordinal)))
        {
            if (result.Key is { } key && result.Outcome is TargetOutcome.Built or TargetOutcome.BuiltUnchanged or TargetOutcome.Restored or TargetOutcome.UpToDate
                && Try(() => cache.TryGetAction(key) is { } entry ? cache.OutputsOf(entry) : null) is { } found)
            {
                outputs[result.TargetId] = found;
            }
        }

        var datasets = outputs.Keys.Select(DatasetOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var list = new List<DatasetReports>();
        foreach (var dataset in datasets)
        {
            JsonObject? Report(string target) =>
                outputs.TryGetValue(target, out var found) && found.Files.ContainsKey(ReportFile) ? Try(() => JsonNode.Parse(found.ReadAllText(ReportFile)) as JsonObject) : null;
            list.Add(new DatasetReports(dataset)
            {
                Mine = Report(MineStage.DatasetTarget(dataset)),
                Checkout = Report(CloneStage.DatasetTarget(dataset)),
                Reproduce = Report(ReproduceStage.DatasetTarget(dataset)),
                Evaluate = Report(EvaluateStage.DatasetTarget(dataset)),
                Verify = Report(VerifyStage.DatasetTarget(dataset)),
                Reward = Report(RewardStage.DatasetTarget(dataset)),
                Tag = Report(TagStage.DatasetTarget(dataset)),
                Package = outputs.TryGetValue(TargetIds.Package(dataset), out var package) && Report(TargetIds.Package(dataset)) is { } packaged ? Try(() => Packaged(packaged, package)) : null,
                Environments = Environments(manifest, dataset, outputs),
            });
        }

        return list;
    }

    /// <summary>The dataset of a dataset-level target id (<c>Stage/dataset/name</c>), else null.</summary>
    private static string? DatasetOf(string targetId)
    {
        var slash = targetId.IndexOf('/', StringComparison.Ordinal);
        const string Dataset = "/dataset/";
        return slash > 0 && string.CompareOrdinal(targetId, slash, Dataset, 0, Dataset.Length) == 0 && targetId.Length > slash + Dataset.Length
            ? targetId[(slash + Dataset.Length)..]
            : null;
    }

    private static List<EnvironmentExecutor> Environments(ManifestDocument manifest, string dataset, Dictionary<string, TargetOutputs> outputs)
    {
        var definition = manifest.Root["datasets"]?[dataset] as JsonObject ?? [];
        var used = Try(() => EnvironmentStage.Used(manifest, definition)) ?? [];
        var environments = new List<EnvironmentExecutor>();
        foreach (var name in used.Order(StringComparer.Ordinal))
        {
            if (outputs.TryGetValue(EnvironmentStage.Target(name), out var found) && found.Files.ContainsKey(EnvironmentStage.ImageFile)
                && Try(() => JsonNode.Parse(found.ReadAllText(EnvironmentStage.ImageFile)) as JsonObject) is { } image)
            {
                var requested = manifest.Root["environments"]?[name]?["executor"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
                environments.Add(new EnvironmentExecutor(name, image, requested ?? "auto"));
            }
        }

        return environments;
    }

    // Package's report.json counts rows per config; the other files are listed by name.
    private static PackagedFiles? Packaged(JsonObject report, TargetOutputs outputs)
    {
        if (report["configs"] is not JsonArray list || list.Any(c => c?["config"] is null || c["rows"] is null || c["files"] is null || c["formats"] is not JsonArray))
        {
            return null;
        }

        var configs = list.Select(c => new PackagedConfig(
            c!["config"]!.GetValue<string>(), c["rows"]!.GetValue<long>(), c["files"]!.GetValue<int>(), [.. c["formats"]!.AsArray().Select(f => f!.GetValue<string>())]));
        var others = outputs.Files.Keys.Where(f => !f.StartsWith(DataFolder, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return new PackagedFiles([.. configs.OrderBy(c => c.Config, StringComparer.Ordinal)], others);
    }

    private static T? Try<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return null;
        }
    }

    private static bool IsUnreadable(Exception e) =>
        e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException or KeyNotFoundException or CacheCorruptionException;

    /// <summary>Target ids the summary names.</summary>
    private static class TargetIds
    {
        public static string Package(string dataset) => PackageStage.DatasetTarget(dataset);

        public static string Evaluate(string dataset) => EvaluateStage.DatasetTarget(dataset);
    }
}
