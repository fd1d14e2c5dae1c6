using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>Turns as OpenAI chat messages (<c>role</c>, <c>content</c>, <c>tool_calls</c>, <c>tool_call_id</c>, optional <c>weight</c>).</summary>
internal static class OpenAiMessages
{
    public static JsonArray Of(IEnumerable<Turn> turns, bool weights) => new([.. turns.Select(t => Message(t, weights))]);

    /// <summary>The tools in OpenAI's <c>{"type":"function","function":{...}}</c> shape (bare definitions are wrapped); [] when none or not native.</summary>
    public static JsonArray Tools(JsonArray? tools, ActionRendering rendering) => tools is null || rendering != ActionRendering.Native
        ? []
        : new([.. tools.Select(t => t?["function"] is null ? new JsonObject { ["type"] = "function", ["function"] = t?.DeepClone() } : t.DeepClone())]);

    private static JsonObject Message(Turn turn, bool weights)
    {
        var message = new JsonObject { ["role"] = turn.Role, ["content"] = turn.Content };
        if (turn.Calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. turn.Calls.Select(c => new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Call.Name, ["arguments"] = ActionText.ArgumentsString(c.Call) },
            })]);
        }

        if (turn.CallId is not null)
        {
            message["tool_call_id"] = turn.CallId;
        }

        if (weights)
        {
            message["weight"] = turn.Train ? 1 : 0;
        }

        return message;
    }
}
