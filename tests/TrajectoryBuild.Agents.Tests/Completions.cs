using System.Text.Json.Nodes;

namespace TrajectoryBuild.Agents.Tests;

/// <summary>Chat-completion response bodies for test scripts, in the shape OpenAI sends.</summary>
internal static class Completions
{
    private static int s_next;

    public static JsonObject Bash(string command, string? thought = null) => Call("bash", new JsonObject { ["command"] = command }.ToJsonString(), thought);

    public static JsonObject Submit() => Call("submit", "{}", "Done.");

    /// <summary>A tool call with <paramref name="arguments"/> sent verbatim (they may be invalid JSON).</summary>
    public static JsonObject Call(string name, string arguments, string? thought = null)
    {
        var id = $"call_{Interlocked.Increment(ref s_next)}";
        return Body(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = thought,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
            }),
        }, "tool_calls");
    }

    /// <summary>A reply with text only, no tool call.</summary>
    public static JsonObject Text(string content) => Body(new JsonObject { ["role"] = "assistant", ["content"] = content }, "stop");

    /// <summary>An HTTP error answer for the scripted server.</summary>
    public static JsonObject HttpError(int status, string message) => new()
    {
        ["http_status"] = status,
        ["body"] = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "server_error", ["param"] = null, ["code"] = null } },
    };

    private static JsonObject Body(JsonObject message, string finishReason) => new()
    {
        ["id"] = $"chatcmpl-test-{Interlocked.Increment(ref s_next)}",
        ["object"] = "chat.completion",
        ["created"] = 1717200000,
        ["model"] = "scripted-test",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = finishReason }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 20, ["total_tokens"] = 120 },
    };
}
