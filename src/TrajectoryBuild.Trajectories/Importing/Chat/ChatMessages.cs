using System.Collections.Frozen;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Chat;

/// <summary>
/// Reads an OpenAI chat-completions message list: messages before the first assistant message are the prompt; each
/// assistant message is a step (its <c>tool_calls</c>, or text-rendered <c>&lt;function=...&gt;</c> blocks); tool
/// messages that follow are its observations, paired by <c>tool_call_id</c>; user and system messages that follow are
/// its feedback (or, after text-rendered calls, its observations when they are rendered tool results).
/// </summary>
internal static class ChatMessages
{
    private static readonly FrozenSet<string> s_messageFields = FrozenSet.Create(StringComparer.Ordinal,
        "role", "content", "name", "tool_calls", "tool_call_id", "function_call", "reasoning_content", "refusal");

    private static readonly FrozenSet<string> s_callFields = FrozenSet.Create(StringComparer.Ordinal, "id", "type", "function", "index");

    private static readonly FrozenSet<string> s_functionFields = FrozenSet.Create(StringComparer.Ordinal, "name", "arguments");

    public static ChatConversation Read(JsonElement messages, string path)
    {
        JsonFields.Expect(messages, JsonValueKind.Array, path);
        var prompt = new List<Message>();
        var steps = new List<StepBuilder>();
        StepBuilder? current = null;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            JsonFields.RejectUnknown(message, at, s_messageFields);
            var role = JsonFields.RequiredString(message, "role", at);
            var content = message.TryGetProperty("content", out var value) ? JsonFields.Content(value, $"{at}.content") : "";
            switch (role)
            {
                case "assistant":
                    current = Assistant(message, content, at);
                    steps.Add(current);
                    break;
                case "tool":
                    var callId = JsonFields.OptionalString(message, "tool_call_id", at);
                    if (current is null)
                    {
                        throw new ImportException(at, "a tool message before any assistant message answers no call");
                    }

                    if (callId is not null && !current.HasCall(callId))
                    {
                        throw new ImportException($"{at}.tool_call_id", $"'{callId}' answers no call of the preceding assistant message");
                    }

                    current.Observations.Add(new Observation(content) { CallId = callId, ExitCode = ObservationText.ExitCode(content) });
                    break;
                case "system" or "user":
                    if (current is null)
                    {
                        prompt.Add(new Message(role, content));
                    }
                    else if (role == "user" && current.TextRendered && ObservationText.IsRendered(content))
                    {
                        current.Observations.Add(new Observation(content) { ExitCode = ObservationText.ExitCode(content) });
                    }
                    else
                    {
                        current.Feedback.Add(new Message(role, content));
                    }

                    break;
                default:
                    throw new ImportException($"{at}.role", $"unknown role '{role}'; expected system, user, assistant or tool");
            }
        }

        return ChatConversation.From(prompt, steps);
    }

    /// One OpenAI tool call (<c>{id, type, function: {name, arguments}}</c>); string arguments are parsed, the string kept.
    public static ToolCall ToolCall(JsonElement call, string at)
    {
        JsonFields.RejectUnknown(call, at, s_callFields);
        var function = JsonFields.Required(call, "function", at);
        var id = JsonFields.OptionalString(call, "id", at);
        return Function(function, $"{at}.function", id);
    }

    private static ToolCall Function(JsonElement function, string at, string? id)
    {
        JsonFields.RejectUnknown(function, at, s_functionFields);
        var name = JsonFields.RequiredString(function, "name", at);
        if (name.Length == 0)
        {
            throw new ImportException($"{at}.name", "the tool name is empty");
        }

        var (arguments, raw, error) = function.TryGetProperty("arguments", out var value) ? JsonFields.Arguments(value) : ([], null, null);
        return new ToolCall(name, arguments) { Id = id, ArgumentsRaw = raw, ParseError = error };
    }

    private static StepBuilder Assistant(JsonElement message, string content, string at)
    {
        var step = new StepBuilder
        {
            Content = content.Length == 0 ? null : content,
            Thought = JsonFields.OptionalString(message, "reasoning_content", at),
        };
        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind != JsonValueKind.Null)
        {
            JsonFields.Expect(calls, JsonValueKind.Array, $"{at}.tool_calls");
            var index = 0;
            foreach (var call in calls.EnumerateArray())
            {
                step.ToolCalls.Add(ToolCall(call, $"{at}.tool_calls[{index++}]"));
            }
        }

        if (message.TryGetProperty("function_call", out var legacy) && legacy.ValueKind != JsonValueKind.Null)
        {
            step.ToolCalls.Add(Function(legacy, $"{at}.function_call", null));
        }

        if (step.ToolCalls.Count == 0 && content.Contains("<function=", StringComparison.Ordinal))
        {
            var (parsed, thought) = TextToolCalls.Parse(content);
            step.ToolCalls.AddRange(parsed);
            step.TextRendered = parsed.Count > 0;
            step.Thought ??= thought;
        }
        else if (step.ToolCalls.Count > 0)
        {
            step.Thought ??= step.Content;
        }

        return step;
    }
}
