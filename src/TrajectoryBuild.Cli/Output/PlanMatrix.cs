using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Scheduling;

namespace TrajectoryBuild.Cli.Output;

/// <summary>
/// <c>plan --matrix</c>: how many legs a sharded build should have, for a CI matrix. One leg per work unit that will
/// run, at most <c>--max-shards</c>; a plan with targets still pending (they appear once what they wait for is built)
/// counts as stale.
/// </summary>
internal static class PlanMatrix
{
    public static JsonObject Of(PlanReport plan, int maxShards)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var running = plan.Targets.Where(t => t.WillRun).ToList();
        var units = running.Select(t => t.WorkUnit).Distinct(StringComparer.Ordinal).Count();
        var stale = !plan.UpToDate;
        var shards = stale ? Math.Clamp(units, 1, Math.Min(maxShards, ShardSpec.MaxCount)) : 0;
        return new JsonObject
        {
            ["stale"] = stale,
            ["targets"] = running.Count,
            ["pending"] = plan.Pending.Count,
            ["work_units"] = units,
            ["shards"] = shards,
            ["shard"] = new JsonArray(Enumerable.Range(1, shards).Select(i => (JsonNode)JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"{i}/{shards}"))).ToArray()),
        };
    }
}
