using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Rewards.Process;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Rewards.Stages;

internal sealed partial class RewardStage
{
    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Target.Locals is RewardReportInputs report)
        {
            await WriteReportAsync(context, report, cancellationToken).ConfigureAwait(false);
            return;
        }

        var inputs = (RewardInputs)context.Target.Locals!;
        var facts = Facts(context, inputs.Row);
        IReadOnlyDictionary<int, StepSignal>? monteCarlo = null;
        if (inputs.Rules.MonteCarlo)
        {
            var rollouts = inputs.Siblings.Select(s => new RolloutOutcome(s.Id, s.ReadTrajectory(context), s.ReadEvaluation(context).Resolved))
                .Append(new RolloutOutcome(facts.TrajectoryId, facts.Trajectory, facts.Evaluation.Resolved))
                .ToList();
            monteCarlo = MonteCarlo.Estimate(rollouts, inputs.Rules.Process.MinRollouts).GetValueOrDefault(facts.TrajectoryId);
        }

        var record = RewardLabeler.Label(facts, inputs.Rules.Outcome, inputs.Rules.Process, monteCarlo);
        await File.WriteAllBytesAsync(Path.Combine(context.OutputDirectory, RecordFile), RewardJson.ToUtf8(record), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What stages 6 and 7 know about a row, read from its upstream outputs.</summary>
    internal static TrajectoryFacts Facts(TargetContext context, StageRow row) =>
        new(row.Id, row.ReadTrajectory(context), row.ReadEvaluation(context), row.GoldFiles, row.ReadTurns(context))
        {
            ContextWindow = row.ContextWindow(context.Manifest),
            StepLimit = row.StepLimit(context.Manifest),
        };

    private static async Task WriteReportAsync(TargetContext context, RewardReportInputs inputs, CancellationToken cancellationToken)
    {
        var records = inputs.Rows.Select(r => JsonNode.Parse(context.Upstream($"{StageName}/{r.Id}").ReadAllText(RecordFile))!).ToList();
        var agreement = AgreementReport.Measure(inputs.Rows.Select(r => Facts(context, r)), inputs.Rules.Heuristics);
        var steps = records.SelectMany(r => r["steps"]!.AsArray()).ToList();
        var json = new JsonObject
        {
            ["dataset"] = inputs.Dataset,
            ["trajectories"] = records.Count,
            ["resolved"] = records.Count(r => r["outcome"]!["resolved"]!.GetValue<bool>()),
            ["mean_outcome_reward"] = records.Count == 0 ? null : Math.Round(records.Average(r => r["outcome"]!["reward"]!.GetValue<double>()), 6),
            ["steps"] = steps.Count,
            ["steps_by_source"] = Counts(steps.Select(s => s!["source"]!.GetValue<string>())),
            ["steps_by_label"] = Counts(steps.Select(s => s!["label"]!.GetValue<int>().ToString("+0;-0;0", CultureInfo.InvariantCulture))),
            ["heuristic_agreement"] = new JsonArray([.. agreement.Heuristics.Select(h => (JsonNode)new JsonObject
            {
                ["heuristic"] = h.Heuristic,
                ["fired"] = h.Fired,
                ["compared"] = h.Compared,
                ["agreed"] = h.Agreed,
                ["share"] = h.Share is { } share ? Math.Round(share, 6) : null,
            })]),
        };
        await context.WriteOutputAsync(ReportFile, Keys.CanonicalJson.Serialize(json) + "\n", cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Rewards of dataset {inputs.Dataset}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Trajectories: {json["trajectories"]}, resolved {json["resolved"]}, mean outcome reward {json["mean_outcome_reward"]?.ToJsonString() ?? "-"}\n");
        text.Append(CultureInfo.InvariantCulture, $"Steps: {json["steps"]}; by source: {Describe(json["steps_by_source"]!)}; by label: {Describe(json["steps_by_label"]!)}\n\n");
        text.Append("Heuristics against the human labels of the annotated slice:\n").Append(agreement.ToText());
        await context.WriteOutputAsync(ReportTextFile, text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Counts(IEnumerable<string> values) =>
        new([.. values.GroupBy(v => v, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]);

    private static string Describe(JsonNode counts) => string.Join(", ", counts.AsObject().Select(c => $"{c.Key} {c.Value}"));
}
