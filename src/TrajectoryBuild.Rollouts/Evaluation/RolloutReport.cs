using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Rollouts.Evaluation;

/// <summary>
/// The rollout report of a dataset: per scaffold x model, trajectories produced, filtered (by reason), evaluated,
/// resolved and the resolved rate, tokens and cost; plus <c>trajectories.jsonl</c>, one row per captured trajectory with
/// its outcome, which the later stages read.
/// </summary>
internal static class RolloutReport
{
    public const string IndexFile = "trajectories.jsonl";
    public const string ReportFile = "report.json";
    public const string ReportTextFile = "report.txt";
    public const string NotValidated = "task-not-validated";
    public const string Quarantined = "quarantined";

    public static async Task WriteAsync(TargetContext context, ReportInputs inputs, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        var groups = new SortedDictionary<string, Group>(StringComparer.Ordinal);
        foreach (var captureTarget in inputs.CaptureTargets)
        {
            var capture = JsonNode.Parse(context.Upstream(captureTarget).ReadAllText(CaptureStage.RecordFile))!;
            var scaffold = capture["scaffold"]!.GetValue<string>();
            for (var i = 0; i < capture["quarantined"]!.AsArray().Count; i++)
            {
                GroupOf(groups, scaffold, capture["model"]?.GetValue<string>()).Quarantine(Quarantined);
            }

            foreach (var entry in capture["trajectories"]!.AsArray().Select(e => e!.AsObject()))
            {
                var row = Row(context, inputs, captureTarget, entry);
                rows.Add(row);
                var group = GroupOf(groups, scaffold, entry["model"]?.GetValue<string>());
                group.Add(row);
            }
        }

        rows.Sort((a, b) => string.CompareOrdinal(a["id"]!.GetValue<string>(), b["id"]!.GetValue<string>()));
        var index = new StringBuilder();
        foreach (var row in rows)
        {
            index.Append(CanonicalJson.Serialize(row)).Append('\n');
        }

        await context.WriteOutputAsync(IndexFile, index.ToString(), cancellationToken).ConfigureAwait(false);
        var report = new JsonObject
        {
            ["dataset"] = inputs.Dataset,
            ["groups"] = new JsonArray([.. groups.Values.Select(g => (JsonNode)g.ToJson())]),
            ["totals"] = groups.Values.Aggregate(new Group("*", "*"), (sum, g) => sum.Merge(g)).ToJson(),
        };
        await context.WriteOutputAsync(ReportFile, CanonicalJson.Serialize(report) + "\n", cancellationToken).ConfigureAwait(false);
        await context.WriteOutputAsync(ReportTextFile, Text(inputs.Dataset, groups.Values.ToList()), cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Row(TargetContext context, ReportInputs inputs, string captureTarget, JsonObject entry)
    {
        var row = (JsonObject)entry.DeepClone();
        row["capture"] = captureTarget;
        var instance = entry["instance_id"]?.GetValue<string>();
        if (instance is null || !inputs.ValidatedIds.Contains(instance))
        {
            row["status"] = "filtered";
            row["reason"] = NotValidated;
            row["detail"] = instance is null ? "the trajectory does not say which task it is for" : $"{instance} is not a validated task of dataset {inputs.Dataset}";
            row["resolved"] = null;
            return row;
        }

        var evaluation = JsonNode.Parse(context.Upstream($"{EvaluateStage.StageName}/{entry["id"]!.GetValue<string>()}").ReadAllText(EvaluateStage.RecordFile))!;
        row["status"] = evaluation["status"]!.DeepClone();
        row["reason"] = evaluation["reason"]?.DeepClone();
        row["detail"] = evaluation["detail"]?.DeepClone();
        row["resolved"] = evaluation["resolved"]?.DeepClone();
        row["resolution"] = evaluation["resolution"]?.DeepClone();
        return row;
    }

    private static Group GroupOf(SortedDictionary<string, Group> groups, string scaffold, string? model)
    {
        var key = $"{scaffold}\t{model ?? "-"}";
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new Group(scaffold, model ?? "-");
        }

        return group;
    }

    private static string Text(string dataset, IReadOnlyCollection<Group> groups)
    {
        var scaffoldWidth = groups.Select(g => g.Scaffold.Length).Append("scaffold".Length).Max();
        var modelWidth = groups.Select(g => g.Model.Length).Append("model".Length).Max();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Rollout report of dataset {dataset}\n\n");
        text.Append("scaffold".PadRight(scaffoldWidth)).Append("  ").Append("model".PadRight(modelWidth))
            .Append(CultureInfo.InvariantCulture, $"  {"produced",8} {"filtered",8} {"evaluated",9} {"resolved",8} {"rate",6} {"tokens",10} {"cost",9}\n");
        foreach (var g in groups)
        {
            var rate = g.Evaluated == 0 ? "-" : (100.0 * g.Resolved / g.Evaluated).ToString("0.0", CultureInfo.InvariantCulture) + "%";
            var cost = g.Cost is { } c ? "$" + c.ToString("0.0000", CultureInfo.InvariantCulture) : "-";
            text.Append(g.Scaffold.PadRight(scaffoldWidth)).Append("  ").Append(g.Model.PadRight(modelWidth))
                .Append(CultureInfo.InvariantCulture, $"  {g.Produced,8} {g.Filtered.Values.Sum(),8} {g.Evaluated,9} {g.Resolved,8} {rate,6} {g.Tokens?.ToString(CultureInfo.InvariantCulture) ?? "-",10} {cost,9}\n");
            foreach (var (reason, count) in g.Filtered)
            {
                text.Append(CultureInfo.InvariantCulture, $"    filtered {count} x {reason}\n");
            }

            if (g.EmptyPatches > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"    {g.EmptyPatches} with an empty patch (kept, marked)\n");
            }
        }

        text.Append("\nOutcomes come from running each patch through the task's verifier (Evaluate), never from an agent's or a dataset's claim.\n");
        return text.ToString();
    }
}
