using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Reproduction.Grading;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Reproduction.Stages;

/// <summary>
/// The dataset-level Reproduce target: which tasks reproduced (<c>validated.json</c>, what stage 3 rolls out on), and a
/// report of the rest by reason, with infrastructure failures apart from task failures, flaky tests and warnings.
/// </summary>
internal static class ValidationSummary
{
    public const string ValidatedFile = "validated.json";
    public const string ReportFile = "report.json";
    public const string ReportTextFile = "report.txt";

    public static async Task WriteAsync(TargetContext context, string dataset, CancellationToken cancellationToken)
    {
        var validated = new JsonArray();
        var rejected = new List<(string Id, string Kind, string Reason, string Detail)>();
        var flaky = new SortedSet<string>(StringComparer.Ordinal);
        var refused = new List<(string Id, string Run, string Kind, string? Test, string Evidence)>();
        var warnings = new List<string>();
        var notHermetic = new List<string>();
        foreach (var upstream in context.Target.Upstream)
        {
            var id = upstream.TargetId[(ReproduceStage.StageName.Length + 1)..];
            var validation = JsonNode.Parse(context.Upstream(upstream.TargetId).ReadAllText(ReproduceStage.ReportFile))!;
            foreach (var test in validation["flaky"]!.AsArray())
            {
                flaky.Add($"{id}: {test!.GetValue<string>()}");
            }

            refused.AddRange((validation["sandbox_refusals"]?.AsArray() ?? []).Select(r => (
                id, r!["run"]!.GetValue<string>(), r["kind"]!.GetValue<string>(), r["test"]?.GetValue<string>(), r["evidence"]!.GetValue<string>())));

            warnings.AddRange(validation["warnings"]!.AsArray().Select(w => $"{id}: {w!.GetValue<string>()}"));
            var execution = validation["execution"];
            if (execution?["hermetic"]?.GetValue<bool>() == false)
            {
                notHermetic.Add(id);
            }

            if (validation["accepted"]!.GetValue<bool>())
            {
                validated.Add(new JsonObject
                {
                    ["instance_id"] = id,
                    ["FAIL_TO_PASS"] = validation["FAIL_TO_PASS"]!.DeepClone(),
                    ["PASS_TO_PASS"] = validation["PASS_TO_PASS"]!.DeepClone(),
                    ["executor"] = execution?["executor"]?.DeepClone(),
                    ["hermetic"] = execution?["hermetic"]?.DeepClone(),
                    ["image"] = execution?["image"]?.DeepClone(),
                });
                continue;
            }

            var rejection = validation["rejection"]!;
            rejected.Add((id, rejection["kind"]!.GetValue<string>(), rejection["reason"]!.GetValue<string>(), rejection["detail"]!.GetValue<string>()));
        }

        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var ids = context.Target.Upstream.Select(u => u.TargetId[(ReproduceStage.StageName.Length + 1)..]).ToList();

        // SWE-bench's run summary (resolved = reproduced, error = infrastructure failure), then ours.
        var report = RunSummary.FromIds(
            ids,
            ids,
            [.. validated.Select(v => v!["instance_id"]!.GetValue<string>())],
            [.. rejected.Where(r => r.Kind != "infrastructure").Select(r => r.Id)],
            [],
            [.. rejected.Where(r => r.Kind == "infrastructure").Select(r => r.Id)]);
        report["dataset"] = dataset;
        report["tasks"] = context.Target.Upstream.Count;
        report["validated"] = validated.Count;
        report["rejected"] = rejected.Count(r => r.Kind != "infrastructure");
        report["infrastructure_failures"] = rejected.Count(r => r.Kind == "infrastructure");
        report["rejections"] = new JsonArray(rejected.OrderBy(r => r.Reason, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => (JsonNode)new JsonObject { ["instance_id"] = r.Id, ["kind"] = r.Kind, ["reason"] = r.Reason, ["detail"] = r.Detail }).ToArray());
        report["flaky"] = new JsonArray(flaky.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
        refused = [.. refused.OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Run, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Test, StringComparer.Ordinal)];
        report["sandbox_refusals"] = new JsonArray([.. refused.Select(r => (JsonNode)new JsonObject
        {
            ["instance_id"] = r.Id,
            ["run"] = r.Run,
            ["kind"] = r.Kind,
            ["test"] = r.Test,
            ["evidence"] = r.Evidence,
        })]);
        report["warnings"] = new JsonArray(warnings.Select(w => (JsonNode)JsonValue.Create(w)).ToArray());
        report["not_hermetic_ids"] = new JsonArray([.. notHermetic.Order(StringComparer.Ordinal).Select(id => (JsonNode?)JsonValue.Create(id))]);

        var text = Text(dataset, context.Target.Upstream.Count, validated.Count, rejected, flaky, refused, warnings, notHermetic);
        await context.WriteOutputAsync(ValidatedFile, validated.ToJsonString(options) + "\n", cancellationToken).ConfigureAwait(false);
        await context.WriteOutputAsync(ReportFile, report.ToJsonString(options) + "\n", cancellationToken).ConfigureAwait(false);
        await context.WriteOutputAsync(ReportTextFile, text, cancellationToken).ConfigureAwait(false);
        await context.Log.WriteAsync(text).ConfigureAwait(false);
    }

    private static string Text(
        string dataset, int tasks, int validated, List<(string Id, string Kind, string Reason, string Detail)> rejected, SortedSet<string> flaky, List<(string Id, string Run, string Kind, string? Test, string Evidence)> refused, List<string> warnings, List<string> notHermetic)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Validation report for dataset {dataset}: {tasks} tasks, {validated} reproduced, {rejected.Count(r => r.Kind != "infrastructure")} rejected, {rejected.Count(r => r.Kind == "infrastructure")} infrastructure failures\n");
        foreach (var group in rejected.GroupBy(r => (r.Kind, r.Reason)).OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Reason, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {(group.Key.Kind == "infrastructure" ? "infrastructure" : "rejected")}, {group.Key.Reason}: {group.Count()}\n");
            foreach (var (id, _, _, detail) in group.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"    {id}: {detail}\n");
            }
        }

        foreach (var test in flaky)
        {
            text.Append(CultureInfo.InvariantCulture, $"  flaky (dropped from both lists): {test}\n");
        }

        foreach (var (id, run, kind, test, evidence) in refused)
        {
            text.Append(CultureInfo.InvariantCulture, $"  refused by the sandbox (an infrastructure failure of the test, in neither list): {id}: {kind}, {run} the gold patch: {test ?? "the run"} ({evidence})\n");
        }

        foreach (var warning in warnings)
        {
            text.Append(CultureInfo.InvariantCulture, $"  warning: {warning}\n");
        }

        if (notHermetic.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  not hermetic: {notHermetic.Count} of {tasks} tasks ran on the local executor (the host's toolchain, no container)\n");
        }

        return text.ToString();
    }
}
