using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.SweAgent;

/// <summary>One step of SWE-agent's <c>trajectory</c> list, detached from its JSON.</summary>
internal sealed record TrajectoryEntry(string? Action, string? Observation, string? Response, string? Thought, double? ExecutionTime, IReadOnlyList<Message>? Query);

/// <summary>SWE-agent's <c>trajectory</c>: per step the action, observation, response, thought, timing and exact model input.</summary>
internal static class SweAgentTrajectory
{
    private static readonly HashSet<string> s_fields = ["action", "observation", "response", "thought", "state", "execution_time", "query", "extra_info", "messages"];

    public static List<TrajectoryEntry> ReadSteps(JsonElement run, string runPath)
    {
        if (!SweAgentHistory.TryArray(run, "trajectory", runPath, out var list, out var path))
        {
            return [];
        }

        var steps = new List<TrajectoryEntry>(list.GetArrayLength());

        // Every step's query repeats the conversation so far: a message read once is shared by the later queries.
        var messages = new RawJsonCache<Message>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            JsonFields.RejectUnknown(item, itemPath, s_fields);
            if (item.TryGetProperty("state", out var state) && state.ValueKind is not (JsonValueKind.Object or JsonValueKind.String or JsonValueKind.Null))
            {
                throw new ImportException($"{itemPath}.state", $"expected an object or a string, found {JsonFields.Describe(state.ValueKind)}");
            }

            // "query" is the exact model input (1.x); some versions wrote it as "messages".
            var name = item.TryGetProperty("query", out _) ? "query" : "messages";
            IReadOnlyList<Message>? query = item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? SweAgentHistory.ReadMessages(item, name, itemPath, messages)
                : null;
            steps.Add(new TrajectoryEntry(
                JsonFields.OptionalString(item, "action", itemPath),
                JsonFields.OptionalString(item, "observation", itemPath),
                JsonFields.OptionalString(item, "response", itemPath),
                JsonFields.OptionalString(item, "thought", itemPath),
                JsonFields.OptionalDouble(item, "execution_time", itemPath),
                query));
        }

        return steps;
    }
}
