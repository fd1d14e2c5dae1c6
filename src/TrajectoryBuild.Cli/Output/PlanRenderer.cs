using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Explain;

namespace TrajectoryBuild.Cli.Output;

/// <summary>Renders a plan as aligned text (optionally with causes) or as JSON. Both are deterministic.</summary>
internal static class PlanRenderer
{
    // "  FRESH    " and the like, made once: a plan of 100,000 tasks prints 400,002 lines.
    private static readonly Dictionary<TargetStatus, string> s_prefixes = Enum.GetValues<TargetStatus>().ToDictionary(s => s, s => $"  {Label(s),-8} ");

    /// <summary>
    /// <see cref="WriteText"/> to <paramref name="writer"/>; to the console through <see cref="LargeOutput"/>, which
    /// encodes the lines to UTF-8 as they come in 64 KB writes: the console's own writer flushes every line, which is
    /// 400,000 system calls for a plan of 100,000 tasks.
    /// </summary>
    public static Task WriteTextAsync(PlanReport plan, string manifest, bool explain, TextWriter writer, CancellationToken cancellationToken) =>
        LargeOutput.WriteAsync(writer, output => WriteText(plan, manifest, explain, output), cancellationToken);

    public static void WriteText(PlanReport plan, string manifest, bool explain, TextWriter writer)
    {
        writer.WriteLine($"Plan for {manifest}");
        foreach (var target in plan.Targets)
        {
            writer.Write(LinePrefix(target.Status));
            writer.WriteLine(target.TargetId);
            if (!explain)
            {
                continue;
            }

            foreach (var cause in target.Causes)
            {
                writer.WriteLine($"             {cause}");
                foreach (var root in cause.RootCauses ?? [])
                {
                    writer.WriteLine($"               <- {root}");
                }
            }
        }

        foreach (var pending in plan.Pending)
        {
            var after = pending.AwaitedTargets.Count == 0
                ? string.Empty
                : $" (listed once {string.Join(", ", pending.AwaitedTargets)} {(pending.AwaitedTargets.Count == 1 ? "is" : "are")} built)";
            writer.WriteLine($"  {"PENDING",-8} {pending.Stage}: {pending.Description}{after}");
        }

        writer.WriteLine(Summary(plan));
    }

    public static string Summary(PlanReport plan)
    {
        var counts = $"{plan.Targets.Count} target{(plan.Targets.Count == 1 ? string.Empty : "s")}: "
            + $"{plan.Count(TargetStatus.Fresh)} fresh, {plan.Count(TargetStatus.Cached)} cached, "
            + $"{plan.Count(TargetStatus.Stale)} stale, {plan.Count(TargetStatus.Missing)} missing";
        if (plan.Pending.Count > 0)
        {
            counts += $"; {plan.Pending.Count} stage{(plan.Pending.Count == 1 ? string.Empty : "s")} pending";
        }

        if (plan.UpToDate)
        {
            return $"{counts}. Nothing to do.";
        }

        var waiting = plan.Targets.Count(t => t.WillRun && t.Key is null && t.Status == TargetStatus.Stale);
        return waiting == 0
            ? $"{counts}. {plan.Targets.Count(t => t.WillRun)} would run."
            : $"{counts}. {plan.Targets.Count(t => t.WillRun)} would run ({waiting} only if an upstream output comes out different).";
    }

    public static void WriteJson(PlanReport plan, string manifest, TextWriter writer)
    {
        var targets = new JsonArray();
        foreach (var target in plan.Targets)
        {
            var causes = new JsonArray();
            foreach (var cause in target.Causes)
            {
                causes.Add(new JsonObject
                {
                    ["kind"] = cause.KindLabel,
                    ["field"] = cause.Field,
                    ["was"] = cause.Was,
                    ["now"] = cause.Now,
                    ["rootCauses"] = new JsonArray((cause.RootCauses ?? []).Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
                });
            }

            targets.Add(new JsonObject
            {
                ["id"] = target.TargetId,
                ["stage"] = target.Stage,
                ["status"] = Label(target.Status),
                ["key"] = target.Key,
                ["causes"] = causes,
            });
        }

        var pending = new JsonArray();
        foreach (var p in plan.Pending)
        {
            pending.Add(new JsonObject
            {
                ["stage"] = p.Stage,
                ["description"] = p.Description,
                ["awaiting"] = new JsonArray(p.AwaitedTargets.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            });
        }

        var root = new JsonObject
        {
            ["manifest"] = manifest,
            ["upToDate"] = plan.UpToDate,
            ["summary"] = new JsonObject
            {
                ["fresh"] = plan.Count(TargetStatus.Fresh),
                ["cached"] = plan.Count(TargetStatus.Cached),
                ["stale"] = plan.Count(TargetStatus.Stale),
                ["missing"] = plan.Count(TargetStatus.Missing),
                ["pendingStages"] = plan.Pending.Count,
            },
            ["targets"] = targets,
            ["pending"] = pending,
        };
        writer.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static string Label(TargetStatus status) => status.ToString().ToUpperInvariant();

    private static string LinePrefix(TargetStatus status) => s_prefixes[status];
}
