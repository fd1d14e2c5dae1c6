using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Gate;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Rewards.Stages;

/// <summary>One captured trajectory of a dataset as stages 6 and 7 plan it: its rollout-report row, its task's gold files.</summary>
internal sealed record StageRow(TrajectoryRow Row, bool Filtered, IReadOnlySet<string> GoldFiles, string? ModelName, string ScaffoldName)
{
    /// <summary>The validated task the trajectory is for (its record, checkout and environment), or null when the dataset has none by that id.</summary>
    public PlannedTask? Task { get; init; }

    public string Id => Row.Id;

    /// <summary>The digest of the gold files (a Reward and Tag input).</summary>
    public string GoldFilesDigest => Digest.OfText(string.Join('\n', GoldFiles.Order(StringComparer.Ordinal)));

    /// <summary>The trajectory file and the evaluation record: what every stage 6-7 target of this row reads.</summary>
    public IReadOnlyList<UpstreamRef> Upstream() =>
        [new UpstreamRef(Row.Capture, Row.File), new UpstreamRef($"{EvaluateStage.StageName}/{Row.Id}", EvaluateStage.RecordFile)];

    /// <summary>
    /// The rows of <paramref name="dataset"/>'s rollout report (evaluated and filtered, not quarantined or for tasks the
    /// dataset did not validate), or null while Evaluate's dataset report is not built.
    /// </summary>
    public static IReadOnlyList<StageRow>? Of(PlanContext context, string dataset, JsonObject definition)
    {
        if (context.OutputsOf(EvaluateStage.DatasetTarget(dataset)) is not { } outputs || RolloutStage.Validated(context, dataset, definition) is not { } tasks)
        {
            return null;
        }

        var byId = tasks.ToDictionary(t => t.InstanceId, StringComparer.Ordinal);
        var rows = new List<StageRow>();
        foreach (var line in outputs.ReadAllText(RolloutReport.IndexFile).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var json = JsonNode.Parse(line)!.AsObject();
            var status = json["status"]?.GetValue<string>();
            if (status is not ("evaluated" or "filtered") || json["reason"]?.GetValue<string>() == RolloutReport.NotValidated)
            {
                continue;
            }

            var row = TrajectoryRow.Of(json);
            var gold = byId.TryGetValue(row.InstanceId, out var task) ? TurnActions.PatchedFiles(task.Task.Patch) : new HashSet<string>();
            var cell = row.Capture.Split('/');
            rows.Add(new StageRow(row, status == "filtered", gold, cell.Length == 5 && cell[1] != "import" ? cell[3] : null, row.Scaffold) { Task = task });
        }

        return rows;
    }

    /// <summary>
    /// Every dataset of the manifest with its rows; a dataset whose Evaluate report is not built yet is deferred in
    /// <paramref name="plan"/> as <paramref name="stage"/>'s <paramref name="what"/> (<c>{0}</c> is the dataset).
    /// </summary>
    public static IEnumerable<(string Dataset, IReadOnlyList<StageRow> Rows)> ByDataset(PlanContext context, StagePlan plan, string stage, string what)
    {
        foreach (var (dataset, definition) in ManifestView.Datasets(context.Manifest))
        {
            if (Of(context, dataset, definition) is { } rows)
            {
                yield return (dataset, rows);
            }
            else
            {
                plan.Defer(stage, string.Format(CultureInfo.InvariantCulture, what, dataset), EvaluateStage.DatasetTarget(dataset));
            }
        }
    }

    /// <summary>The context window of the row's model (<c>models.NAME.context_window</c>), when a manifest model rolled it out.</summary>
    public int? ContextWindow(ManifestDocument manifest) =>
        ModelName is not null && manifest.Root["models"]?[ModelName]?["context_window"] is JsonValue window ? (int)window.GetValue<long>() : null;

    /// <summary>The scaffold's step limit, when the manifest sets one.</summary>
    public int? StepLimit(ManifestDocument manifest) =>
        manifest.Root["scaffolds"]?[ScaffoldName]?["limits"]?["steps"] is JsonValue steps ? (int)steps.GetValue<long>() : null;

    /// <summary>Reads the row's normalized trajectory from its capture target.</summary>
    public Trajectory ReadTrajectory(TargetContext context) => VerifyStage.ReadTrajectory(context, Row);

    /// <summary>Reads the row's evaluation facts.</summary>
    public EvaluationFacts ReadEvaluation(TargetContext context) =>
        EvaluationFacts.FromJson(JsonNode.Parse(context.Upstream($"{EvaluateStage.StageName}/{Row.Id}").ReadAllText(EvaluateStage.RecordFile))!);

    /// <summary>Reads stage 5's per-turn scores of the row (empty for a filtered row, which stage 5 does not verify).</summary>
    public IReadOnlyList<VerifiedTurn> ReadTurns(TargetContext context)
    {
        if (Filtered)
        {
            return [];
        }

        var verdict = JsonNode.Parse(context.Upstream($"{VerifyStage.StageName}/{Row.Id}").ReadAllText(VerifyStage.RecordFile))!;
        return [.. verdict["turns"]!.AsArray().Select(t => new VerifiedTurn(t!["turn"]!.GetValue<int>(), VerifyStage.ScoresOf(t), t["source"]!.GetValue<string>()))];
    }
}
