using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Packaging.Corpora;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rewards.Process;
using TrajectoryBuild.Rewards.Stages;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Packaging.Stages;

internal sealed partial class PackageStage
{
    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = (PackageInputs)context.Target.Locals!;
        var (records, ledger) = Records(context, inputs);
        var settings = inputs.Settings;
        var splitOptions = settings.Splits;
        var units = SplitAssigner.Assign(
            records.GroupBy(r => splitOptions.UnitOf(r.Provenance), StringComparer.Ordinal).Select(g => new SplitUnitRows(g.Key, g.Count())),
            splitOptions);
        var byTrajectory = records.ToDictionary(r => r.TrajectoryId, StringComparer.Ordinal);

        // One pass over the trajectories, in id order, a few at a time on every core, makes the rows of every corpus
        // (preference pairs take a pass of their own): the corpus is never held whole, and each trajectory is read once.
        var sets = new List<ShardSet>(await CorporaWriter.WriteAsync(
            context.OutputDirectory,
            settings.Formats,
            records.OrderBy(r => r.TrajectoryId, StringComparer.Ordinal),
            r => r.Provenance.TaskId,
            r => r.Read(context),
            row =>
            {
                var id = CorpusRows.RecordId(row);
                var first = byTrajectory[id.Split('|')[0]];
                return (units[splitOptions.UnitOf(first.Provenance)], id);
            },
            new CorpusOptions(settings.Rendering),
            new ShardOptions(settings.ShardRows, settings.Files),
            what => context.ReportProgress($"{inputs.Dataset}: {what}"),
            cancellationToken).ConfigureAwait(false));

        var card = await OutputFiles.WriteTextAsync(context.OutputDirectory, DatasetCard.FileName, DatasetCard.Render(settings.Card(inputs.Dataset), sets), cancellationToken).ConfigureAwait(false);
        var croissant = await OutputFiles.WriteTextAsync(context.OutputDirectory, Croissant.FileName, Croissant.Render(settings.Croissant(inputs.Dataset), sets), cancellationToken).ConfigureAwait(false);
        var index = await OutputFiles.WriteTextAsync(context.OutputDirectory, LedgerEntry.FileName, LedgerEntry.Write(ledger), cancellationToken).ConfigureAwait(false);
        var files = sets.SelectMany(s => s.Shards.Select(f => f.File)).Append(card).Append(croissant).Append(index).ToList();
        var dependencies = Dependencies.FromRecords(records.Select(r => r.Provenance)).ToList();
        if (inputs.AnnotationExport is { } export && File.Exists(export))
        {
            dependencies.Add(Dependencies.AnnotationExport(Path.GetFileName(export), Digest.OfFile(export, cancellationToken)));
        }

        var statement = Provenance.Render(files, new ProvenanceOptions(
            "https://trajectorybuild.dev/trajbuild",
            typeof(PackageStage).Assembly.GetName().Version?.ToString() ?? "0",
            new Dictionary<string, string> { ["dataset"] = inputs.Dataset, ["packaging"] = CanonicalJson.Serialize(settings.Json) },
            Dependencies.Sort(dependencies)));
        await OutputFiles.WriteTextAsync(context.OutputDirectory, ProvenanceFile, statement, cancellationToken).ConfigureAwait(false);
        await context.WriteOutputAsync(ReportFile, CanonicalJson.Serialize(Report(inputs, records, sets)) + "\n", cancellationToken).ConfigureAwait(false);
        await context.WriteOutputAsync(SummaryFile, Summary(inputs, records, sets), cancellationToken).ConfigureAwait(false);
    }

    // The accepted trajectories (what the corpora are made of) and the ledger of every evaluated one, accepted or not.
    private static (List<AcceptedRecord> Records, List<LedgerEntry> Ledger) Records(TargetContext context, PackageInputs inputs)
    {
        var records = new List<AcceptedRecord>();
        var ledger = new List<LedgerEntry>();
        foreach (var row in inputs.Rows)
        {
            var verify = context.Upstream($"{VerifyStage.StageName}/{row.Id}");
            var verdict = JsonNode.Parse(verify.ReadAllText(VerifyStage.RecordFile))!;
            var task = row.Task!;
            var environment = context.Upstream(EnvironmentStage.Target(task.Environment!.Name)).Files[EnvironmentStage.ImageFile].Digest;
            var trajectoryDigest = context.Upstream(row.Row.Capture).Files[row.Row.File].Digest;
            var rewardOutputs = context.Upstream($"{RewardStage.StageName}/{row.Id}");
            var tagOutputs = row.Row.Resolved ? null : context.Upstream($"{TagStage.StageName}/{row.Id}");
            var failure = tagOutputs is null ? null : JsonNode.Parse(tagOutputs.ReadAllText(TagStage.RecordFile))!["class"]?.GetValue<string>();
            var provenance = new RecordProvenance(
                row.Row.InstanceId, task.Task.Repo, task.Task.BaseCommit, environment, task.Environment.VerifierDigest(1), trajectoryDigest, row.Row.Scaffold, row.Row.Model);
            var accepted = verdict["accept"]!.GetValue<bool>();
            ledger.Add(new LedgerEntry(
                row.Id, provenance, accepted, row.Row.Resolved, failure, verdict["labels_digest"]?.GetValue<string>(),
                context.Upstream($"{EvaluateStage.StageName}/{row.Id}").Files[EvaluateStage.RecordFile].Digest,
                verify.Files[VerifyStage.RecordFile].Digest,
                rewardOutputs.Files[RewardStage.RecordFile].Digest,
                tagOutputs?.Files[TagStage.RecordFile].Digest));
            if (accepted)
            {
                var reward = RewardJson.Read(JsonNode.Parse(rewardOutputs.ReadAllText(RewardStage.RecordFile))!);
                records.Add(new AcceptedRecord(row, reward, failure, provenance));
            }
        }

        return (records, ledger);
    }

    // An accepted trajectory without its steps: they are read when a corpus needs them (PackageRecord), once per corpus.
    private sealed record AcceptedRecord(StageRow Row, RewardRecord Reward, string? FailureClass, RecordProvenance Provenance)
    {
        public string TrajectoryId => Row.Id;

        public bool Resolved => Row.Row.Resolved;

        public PackageRecord Read(TargetContext context) => new(TrajectoryId, Row.ReadTrajectory(context), Resolved, Reward, FailureClass, Provenance);
    }

    // The row's record: its trajectory id, or for a preference pair "chosen|rejected" (the split follows the task's repository).
    // What was packaged, for programs (the build's closing summary reads it): counts per config, split and file format.
    private static JsonObject Report(PackageInputs inputs, List<AcceptedRecord> records, List<ShardSet> sets) => new()
    {
        ["dataset"] = inputs.Dataset,
        ["evaluated"] = inputs.Rows.Count,
        ["accepted"] = records.Count,
        ["resolved"] = records.Count(r => r.Resolved),
        ["configs"] = new JsonArray([.. sets.Select(set => (JsonNode)new JsonObject
        {
            ["config"] = set.Config,
            ["rows"] = set.TotalRows,
            ["splits"] = new JsonObject(set.SplitRows.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
            ["files"] = set.Shards.Count,
            ["formats"] = new JsonArray([.. set.Shards.Select(s => ShardWriter.Extension(s.Format)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(f => (JsonNode)f)]),
        })]),
    };

    private static string Summary(PackageInputs inputs, List<AcceptedRecord> records, List<ShardSet> sets)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Package of dataset {inputs.Dataset}: {records.Count} accepted trajectories of {inputs.Rows.Count} evaluated ({records.Count(r => r.Resolved)} resolved)\n");
        foreach (var group in records.GroupBy(r => r.Provenance.Scaffold, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Count()} trajectories, {group.Count(r => r.Resolved)} resolved\n");
        }

        text.Append("Corpora:\n");
        foreach (var set in sets)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {set.Config}: {set.TotalRows} rows ({string.Join(", ", set.SplitRows.Select(s => $"{s.Key} {s.Value}"))}) in {set.Shards.Count} files\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Also: {DatasetCard.FileName} (dataset card), {Croissant.FileName}, {LedgerEntry.FileName} (every evaluated trajectory and its inputs), {ProvenanceFile} (in-toto / SLSA v1)\n");
        return text.ToString();
    }
}
