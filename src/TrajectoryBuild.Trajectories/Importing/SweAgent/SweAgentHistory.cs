using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.SweAgent;

/// <summary>SWE-agent's <c>history</c> (and each step's <c>query</c>): messages with role, content and the parsed action.</summary>
internal static partial class SweAgentHistory
{
    private static readonly HashSet<string> s_fields =
    [
        "role", "content", "message_type", "agent", "is_demo", "thought", "action", "tool_calls", "tool_call_ids",
        "tags", "cache_control", "thinking_blocks", "reasoning_content",
    ];

    private static readonly HashSet<string> s_toolCallFields = ["id", "type", "function", "index"];
    private static readonly HashSet<string> s_functionFields = ["name", "arguments"];

    /// <summary>The messages of <paramref name="name"/> (absent or null: none).</summary>
    public static List<HistoryEntry> ReadEntries(JsonElement owner, string name, string ownerPath)
    {
        if (!owner.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var path = $"{ownerPath}.{name}";
        JsonFields.Expect(list, JsonValueKind.Array, path);
        var entries = new List<HistoryEntry>(list.GetArrayLength());
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            entries.Add(ReadEntry(item, $"{path}[{index++}]"));
        }

        return entries;
    }

    private static HistoryEntry ReadEntry(JsonElement item, string path)
    {
        JsonFields.RejectUnknown(item, path, s_fields);
        var role = JsonFields.RequiredString(item, "role", path);
        if (role is not ("system" or "user" or "assistant" or "tool"))
        {
            throw new ImportException($"{path}.role", $"expected system, user, assistant or tool, found '{role}'");
        }

        var content = item.TryGetProperty("content", out var value) ? JsonFields.Content(value, $"{path}.content") : "";
        JsonFields.OptionalString(item, "agent", path);
        return new HistoryEntry(role, content, JsonFields.OptionalString(item, "message_type", path), JsonFields.OptionalBool(item, "is_demo", path) ?? false)
        {
            Thought = JsonFields.OptionalString(item, "thought", path),
            Action = JsonFields.OptionalString(item, "action", path),
            ToolCalls = ReadToolCalls(item, path),
            ToolCallIds = ReadIds(item, path),
        };
    }

    private static List<ToolCall> ReadToolCalls(JsonElement item, string path)
    {
        if (!item.TryGetProperty("tool_calls", out var calls) || calls.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        path += ".tool_calls";
        JsonFields.Expect(calls, JsonValueKind.Array, path);
        var result = new List<ToolCall>(calls.GetArrayLength());
        var index = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var callPath = $"{path}[{index++}]";
            JsonFields.RejectUnknown(call, callPath, s_toolCallFields);
            var function = JsonFields.Required(call, "function", callPath);
            JsonFields.RejectUnknown(function, $"{callPath}.function", s_functionFields);
            var name = JsonFields.RequiredString(function, "name", $"{callPath}.function");
            var (arguments, raw, error) = JsonFields.Arguments(function.TryGetProperty("arguments", out var a) ? a : default);
            result.Add(new ToolCall(name, arguments) { Id = JsonFields.OptionalString(call, "id", callPath), ArgumentsRaw = raw, ParseError = error });
        }

        return result;
    }

    private static List<string> ReadIds(JsonElement item, string path)
    {
        if (!item.TryGetProperty("tool_call_ids", out var ids) || ids.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        path += ".tool_call_ids";
        JsonFields.Expect(ids, JsonValueKind.Array, path);
        var result = new List<string>(ids.GetArrayLength());
        var index = 0;
        foreach (var id in ids.EnumerateArray())
        {
            JsonFields.Expect(id, JsonValueKind.String, $"{path}[{index++}]");
            result.Add(id.GetString()!);
        }

        return result;
    }
}
