using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.SweAgent;

/// <summary>
/// <c>info.model_stats</c> of SWE-agent and mini-swe-agent: <c>tokens_sent</c>, <c>tokens_received</c>,
/// <c>instance_cost</c> become the usage; <c>api_calls</c> and the old <c>total_cost</c> have no place in it.
/// </summary>
internal static class ModelStats
{
    private static readonly HashSet<string> s_known = ["instance_cost", "tokens_sent", "tokens_received", "api_calls", "total_cost"];

    public static Usage? Read(JsonElement info, string path)
    {
        if (!info.TryGetProperty("model_stats", out var stats) || stats.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        path += ".model_stats";
        JsonFields.RejectUnknown(stats, path, s_known);
        JsonFields.OptionalLong(stats, "api_calls", path);
        JsonFields.OptionalDouble(stats, "total_cost", path);
        var sent = JsonFields.OptionalLong(stats, "tokens_sent", path);
        var received = JsonFields.OptionalLong(stats, "tokens_received", path);
        var cost = JsonFields.OptionalDouble(stats, "instance_cost", path);
        return new Usage(sent, received, sent is null || received is null ? null : sent + received, cost);
    }
}
