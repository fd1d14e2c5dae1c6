using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet;
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
        foreach (var result in report.Results)
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
                Package = outputs.TryGetValue(TargetIds.Package(dataset), out var package) ? await PackagedAsync(package, cancellationToken).ConfigureAwait(false) : null,
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

    private static async Task<PackagedFiles?> PackagedAsync(TargetOutputs outputs, CancellationToken cancellationToken)
    {
        var configs = new List<PackagedConfig>();
        foreach (var group in outputs.Files.Keys.Where(f => f.StartsWith(DataFolder, StringComparison.Ordinal) && f.IndexOf('/', DataFolder.Length) > 0)
            .GroupBy(f => f[DataFolder.Length..f.IndexOf('/', DataFolder.Length)], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Rows per format (every format holds the same rows); the config's rows are the most any format holds.
            var rowsByFormat = new Dictionary<string, long?>(StringComparer.Ordinal);
            foreach (var file in group)
            {
                var format = Path.GetExtension(file).TrimStart('.');
                var rows = await RowsAsync(outputs, file, format, cancellationToken).ConfigureAwait(false);
                rowsByFormat[format] = rowsByFormat.TryGetValue(format, out var sum) ? sum + rows : rows;
            }

            var counted = rowsByFormat.Values.Where(r => r is not null).Select(r => r!.Value).ToList();
            configs.Add(new PackagedConfig(group.Key, counted.Count == 0 ? null : counted.Max(), group.Count(), [.. rowsByFormat.Keys.Order(StringComparer.Ordinal)]));
        }

        var others = outputs.Files.Keys.Where(f => !f.StartsWith(DataFolder, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return new PackagedFiles(configs, others);
    }

    /// <summary>Rows of a JSONL shard (its lines) or a Parquet shard (its footer's row count); null for other files or when unreadable.</summary>
    private static async Task<long?> RowsAsync(TargetOutputs outputs, string file, string format, CancellationToken cancellationToken)
    {
        try
        {
            var stream = outputs.OpenRead(file);
            await using (stream.ConfigureAwait(false))
            {
                if (format == "jsonl")
                {
                    return await LinesAsync(stream, cancellationToken).ConfigureAwait(false);
                }

                if (format == "parquet")
                {
                    var reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        return reader.Metadata?.NumRows;
                    }
                }

                return null;
            }
        }
        catch (Exception e) when (IsUnreadable(e) || e is InvalidDataException or NotSupportedException or ApplicationException or ArgumentException)
        {
            return null;
        }
    }

    private static async Task<long> LinesAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long lines = 0;
        var last = (byte)'\n';
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }

        return last == '\n' ? lines : lines + 1;
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
