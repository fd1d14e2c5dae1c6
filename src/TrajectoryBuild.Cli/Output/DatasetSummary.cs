using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Cli.Output;

/// <summary>
/// The end of a successful build: per dataset, what the whole build made, from the <c>report.json</c> of each
/// dataset-level target in it (tasks, trajectories by scaffold, verification and agreement, rewards, failure classes,
/// the files Package wrote) and the executor its environments ran on. A section whose report was not part of the
/// build, or cannot be read, is left out. Plain text, datasets and keys in ordinal order.
/// </summary>
internal static partial class DatasetSummary
{
    private const int LabelWidth = 13;
    private const int MaxGroups = 8;
    private static readonly string s_indent = new(' ', LabelWidth + 3);

    /// <summary>Writes the summary of every dataset that has at least one section; nothing when none has.</summary>
    public static void Write(IReadOnlyList<DatasetReports> datasets, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var dataset in datasets.OrderBy(d => d.Dataset, StringComparer.Ordinal))
        {
            var lines = Lines(dataset);
            if (lines.Count <= 1)
            {
                continue;
            }

            writer.WriteLine();
            foreach (var line in lines)
            {
                writer.WriteLine(line);
            }
        }
    }

    /// <summary>The lines for one dataset: a title, then one line per section that has a report.</summary>
    public static IReadOnlyList<string> Lines(DatasetReports reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var lines = new List<string> { $"Dataset {reports.Dataset}" };
        void Add(string label, string? text)
        {
            if (text is not null)
            {
                lines.Add($"  {label.PadRight(LabelWidth)} {text}");
            }
        }

        Add("executor", Executor(reports.Environments));
        Add("tasks", Tasks(reports));
        if (Trajectories(reports.Evaluate, reports.Dataset) is { } trajectories)
        {
            Add("trajectories", trajectories.Totals);
            lines.AddRange(trajectories.Groups);
        }

        Add("verification", Verification(reports.Verify));
        Add("agreement", Agreement(reports.Verify));
        Add("rewards", Rewards(reports.Reward));
        Add("failures", Failures(reports.Tag));
        if (Files(reports.Package) is { } files)
        {
            Add("files", files);
            lines.Add($"{s_indent}get them: trajbuild show {TargetIds.Package(reports.Dataset)} --out DIR");
        }

        return lines;
    }

    private static string? Executor(IReadOnlyList<EnvironmentExecutor> environments)
    {
        var known = environments.Select(e => (e.Name, Executor: Text(e.Image["executor"]), e.Requested))
            .Where(e => e.Executor is not null).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        if (known.Count == 0)
        {
            return null;
        }

        var docker = known.Where(e => e.Executor == "docker").Select(e => e.Name).ToList();
        var local = known.Where(e => e.Executor != "docker").ToList();
        if (local.Count == 0)
        {
            return $"hermetic: Docker Engine ({string.Join(", ", docker)})";
        }

        var why = local.All(e => e.Requested == "local") ? "the manifest asks for executor: local"
            : local.All(e => e.Requested is null or "auto") ? "no Docker engine answered"
            : "no Docker engine answered, or the manifest asks for executor: local";
        var where = string.Join(", ", local.Select(e => e.Name));
        return docker.Count == 0
            ? $"local, NOT hermetic: tasks run with the host's toolchain, no container ({where}; {why})"
            : $"mixed, NOT hermetic: Docker Engine for {string.Join(", ", docker)}; local (the host's toolchain) for {where} ({why})";
    }

    private static string? Tasks(DatasetReports reports)
    {
        // Clone's report is Mine's plus the tasks whose repository could not be checked out.
        var mining = reports.Checkout ?? reports.Mine;
        var reproduce = reports.Reproduce;
        if (mining is null && reproduce is null)
        {
            return null;
        }

        var parts = new List<string>();
        long? rejected = null;
        var reasons = new List<string>();
        if (Int(reports.Mine?["seen"]) is { } seen)
        {
            parts.Add($"{seen} seen");
        }

        if (Int(mining?["kept"]) is { } mined)
        {
            parts.Add($"{mined} mined");
        }

        if (Int(mining?["rejected"]) is { } miningRejected)
        {
            rejected = miningRejected;
            if (Counts(mining?["reasons"], countFirst: true) is { Length: > 0 } text)
            {
                reasons.Add($"mining: {text}");
            }
        }

        var infrastructure = Int(reproduce?["infrastructure_failures"]);
        if (Int(reproduce?["validated"]) is { } reproduced)
        {
            parts.Add($"{reproduced} reproduced");
            rejected = (rejected ?? 0) + (Int(reproduce?["rejected"]) ?? 0);
            var byReason = (reproduce?["rejections"] as JsonArray ?? [])
                .Where(r => Text(r?["kind"]) != "infrastructure")
                .Select(r => Text(r?["reason"]) ?? "?");
            if (Counts(byReason) is { Length: > 0 } text)
            {
                reasons.Add($"reproduce: {text}");
            }
        }

        if (rejected is not null)
        {
            parts.Add($"{rejected} rejected{(reasons.Count == 0 ? string.Empty : $" ({string.Join("; ", reasons)})")}");
        }

        if (infrastructure is > 0)
        {
            parts.Add(Plural(infrastructure.Value, "infrastructure failure"));
        }

        // Tests (or runs) that failed on the network or a file outside their folders: once each, before or after.
        var refused = (reproduce?["sandbox_refusals"] as JsonArray ?? []).Select(r => (Text(r?["instance_id"]), Text(r?["test"]))).Distinct().Count();
        if (refused > 0)
        {
            parts.Add($"{Plural(refused, "test")} refused by the sandbox (report.txt)");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static (string Totals, List<string> Groups)? Trajectories(JsonObject? evaluate, string dataset)
    {
        if (evaluate?["totals"] is not JsonObject totals || Outcome.Of(totals) is not { } total)
        {
            return null;
        }

        var filtered = Counts(totals["filtered"], countFirst: true) is { Length: > 0 } reasons ? $" ({reasons})" : string.Empty;
        var line = $"{total.Produced} produced, {total.Filtered} filtered{filtered}, {total.Evaluated} evaluated, {total.Resolved} resolved{Rate(total.Resolved, total.Evaluated)}";
        var groups = (evaluate["groups"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(g => (Name: GroupName(g), Outcome: Outcome.Of(g)))
            .Where(g => g.Outcome is not null)
            .Select(g => (g.Name, Outcome: g.Outcome!.Value))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var shown = groups.Take(MaxGroups).ToList();
        var name = shown.Select(g => g.Name.Length).DefaultIfEmpty(0).Max();
        string Column(Func<Outcome, long> field, Outcome outcome) =>
            field(outcome).ToString(CultureInfo.InvariantCulture).PadLeft(shown.Select(g => Digits(field(g.Outcome))).DefaultIfEmpty(1).Max());
        var lines = shown.Select(g =>
            $"    {g.Name.PadRight(name)}  {Column(o => o.Produced, g.Outcome)} produced, {Column(o => o.Filtered, g.Outcome)} filtered, " +
            $"{Column(o => o.Evaluated, g.Outcome)} evaluated, {Column(o => o.Resolved, g.Outcome)} resolved{Rate(g.Outcome.Resolved, g.Outcome.Evaluated)}").ToList();
        if (groups.Count > MaxGroups)
        {
            lines.Add($"    ... {groups.Count - MaxGroups} more scaffold/model pairs (trajbuild show {TargetIds.Evaluate(dataset)} report.txt)");
        }

        return (line, lines);
    }

    private static int Digits(long value) => value.ToString(CultureInfo.InvariantCulture).Length;

    private static string GroupName(JsonObject group)
    {
        var scaffold = Text(group["scaffold"]) ?? "?";
        return Text(group["model"]) is { } model and not "-" ? $"{scaffold}/{model}" : scaffold;
    }

    private static string? Verification(JsonObject? verify)
    {
        if (verify is null || Int(verify["accepted"]) is not { } accepted || Int(verify["rejected"]) is not { } rejected)
        {
            return null;
        }

        var text = $"{accepted} accepted, {rejected} rejected";
        if (verify["slice"] is JsonObject slice && Int(slice["size"]) is { } size)
        {
            var share = Int(verify["trajectories"]) is > 0 and var total ? string.Create(CultureInfo.InvariantCulture, $" of {total} ({100.0 * size / total:0}%)") : string.Empty;
            var labelled = Int(slice["labelled"]) is { } done ? $", {done} labelled" : string.Empty;
            var partly = Int(slice["partly_labelled"]) is > 0 and var some ? $", {some} partly" : string.Empty;
            text += $"; human slice {size}{share}{labelled}{partly}";
        }

        return text;
    }

    private static string? Agreement(JsonObject? verify)
    {
        if (verify?["agreement"] is not JsonObject agreement || agreement["overall"] is not JsonObject overall)
        {
            return null;
        }

        var metric = Text(agreement["target_metric"]) ?? "cohen_kappa";
        var name = metric == "cohen_kappa" ? "Cohen's kappa" : metric;
        var target = Double(agreement["target"]) is { } t ? $"target {Number(t)}" : "no target";
        var axes = AxesText(agreement["axes"] as JsonArray ?? []);
        if (Int(overall["items"]) is null or 0)
        {
            return $"no overlapping human labels yet ({name}, {target})";
        }

        var estimate = overall["metrics"]?[metric];
        if (Double(estimate?["value"]) is { } value)
        {
            var verdict = Bool(overall["pass"]) switch { true => "pass", false => "FAIL", null => "no verdict" };
            return $"pooled {name} {Number(value)} {verdict} ({target}, {Int(overall["items"])} items){axes}";
        }

        return $"pooled {name} undefined: {Text(estimate?["undefined"]) ?? "no value"} ({target}){axes}";
    }

    private static string AxesText(JsonArray axes)
    {
        var list = axes.OfType<JsonObject>().Select(a => (Name: Text(a["axis"]) ?? "?", Pass: Bool(a["pass"]), Items: Int(a["items"]) ?? 0)).ToList();
        if (list.Count == 0)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        var passing = list.Where(a => a.Pass == true).Select(a => a.Name).ToList();
        var failing = list.Where(a => a.Pass == false).Select(a => a.Name).ToList();
        var undefined = list.Count(a => a.Pass is null && a.Items > 0);
        var unlabelled = list.Count(a => a.Pass is null && a.Items == 0);
        if (passing.Count > 0)
        {
            parts.Add($"{passing.Count} pass ({string.Join(", ", passing)})");
        }

        if (failing.Count > 0)
        {
            parts.Add($"{failing.Count} FAIL ({string.Join(", ", failing)})");
        }

        if (undefined > 0)
        {
            parts.Add($"{undefined} undefined");
        }

        if (unlabelled > 0)
        {
            parts.Add($"{unlabelled} without labels");
        }

        return $"; axes: {string.Join(", ", parts)}";
    }

    private static string? Rewards(JsonObject? reward)
    {
        if (reward is null || Int(reward["trajectories"]) is not { } trajectories)
        {
            return null;
        }

        var text = Plural(trajectories, "trajectory", "trajectories");
        if (Double(reward["mean_outcome_reward"]) is { } mean)
        {
            text += $", mean outcome reward {Number(mean)}";
        }

        if (Int(reward["steps"]) is { } steps)
        {
            var labels = Counts(reward["steps_by_label"], separator: ": ") is { Length: > 0 } counts ? $" ({counts})" : string.Empty;
            text += $"; {Plural(steps, "step label")}{labels}";
        }

        return text;
    }

    private static string? Failures(JsonObject? tag)
    {
        if (tag is null || Int(tag["failed"]) is not { } failed)
        {
            return null;
        }

        var classes = tag["classes"] as JsonObject ?? [];
        var counts = Counts(new JsonObject([.. classes.Where(c => Int(c.Value) is > 0).Select(c => KeyValuePair.Create(c.Key, c.Value?.DeepClone()))]));
        var human = Int(tag["human_tags"]) is > 0 and var tagged ? $" ({Plural(tagged, "human tag")})" : string.Empty;
        return $"{Plural(failed, "failed trajectory", "failed trajectories")}{(counts.Length == 0 ? string.Empty : $": {counts}")}{human}";
    }

    private static string? Files(PackagedFiles? package)
    {
        if (package is null)
        {
            return null;
        }

        var configs = package.Configs.OrderBy(c => c.Config, StringComparer.Ordinal).ToList();
        var formats = configs.SelectMany(c => c.Formats).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var text = configs.Count == 0
            ? "no corpus files"
            : $"{string.Join(", ", configs.Select(c => c.Rows is { } rows ? $"{c.Config} {Plural(rows, "row")}" : c.Config))} in {Plural(configs.Sum(c => c.Files), "data file")}{(formats.Count == 0 ? string.Empty : $" ({string.Join(", ", formats)})")}";
        return package.OtherFiles.Count == 0 ? text : $"{text}; also {string.Join(", ", package.OtherFiles.Order(StringComparer.Ordinal))}";
    }

    private static string Rate(long resolved, long evaluated) =>
        evaluated == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({100.0 * resolved / evaluated:0.0}%)");

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Plural(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");

    /// <summary>"key count, ..." (or "count key, ..."; or with <paramref name="separator"/>, "key: count") over a JSON object of counts, keys in ordinal order.</summary>
    private static string Counts(JsonNode? counts, bool countFirst = false, string separator = " ") =>
        Join((counts as JsonObject ?? []).Select(c => (c.Key, Count: Int(c.Value))).Where(c => c.Count is not null).Select(c => (c.Key, c.Count!.Value)), countFirst, separator);

    /// <summary>"count name, ..." over names, in ordinal order.</summary>
    private static string Counts(IEnumerable<string> names) =>
        Join(names.GroupBy(n => n, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())), countFirst: true, " ");

    private static string Join(IEnumerable<(string Key, long Count)> counts, bool countFirst, string separator) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => countFirst ? $"{c.Count} {c.Key}" : $"{c.Key}{separator}{c.Count}"));

    // Numbers through their JSON text: a value parsed from a file and one built in memory (an int, a double) read alike.
    private static long? Int(JsonNode? node) =>
        Double(node) is { } number && number == Math.Floor(number) && Math.Abs(number) < long.MaxValue ? (long)number : null;

    private static double? Double(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static bool? Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The counts of a rollout report group (or its totals).</summary>
    private readonly record struct Outcome(long Produced, long Filtered, long Evaluated, long Resolved)
    {
        public static Outcome? Of(JsonObject counts) =>
            Int(counts["produced"]) is { } produced && Int(counts["evaluated"]) is { } evaluated && Int(counts["resolved"]) is { } resolved
                ? new Outcome(produced, (counts["filtered"] as JsonObject ?? []).Sum(f => Int(f.Value) ?? 0), evaluated, resolved)
                : null;
    }
}
