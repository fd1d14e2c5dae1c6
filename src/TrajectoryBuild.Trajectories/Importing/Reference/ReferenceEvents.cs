using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;
using static TrajectoryBuild.Trajectories.Importing.JsonFields;

namespace TrajectoryBuild.Trajectories.Importing.Reference;

/// <summary>How each event of a reference record lands in its step (see docs/reference-agent.md for the events).</summary>
internal static class ReferenceEvents
{
    /// <summary>
    /// One HTTP attempt: the request's messages are the step's model input; a failed attempt adds its error; the
    /// successful one gives the response text, tool calls and usage.
    /// </summary>
    public static void Exchange(JsonElement record, ReferenceStep step, double? pricePrompt, double? priceCompletion)
    {
        step.Duration += OptionalDouble(record, "duration_seconds", "$") ?? 0;
        if (OptionalString(record, "request_format", "$") == "json")
        {
            var messages = Required(Required(record, "request", "$"), "messages", "$.request");
            step.ModelInput = Messages(messages, "$.request.messages");
        }

        if (OptionalString(record, "error", "$") is { } error)
        {
            step.Errors.Add($"model call attempt {OptionalLong(record, "attempt", "$") ?? 1}: {error}");
            return;
        }

        if (OptionalString(record, "response_format", "$") != "json")
        {
            throw new ImportException("$.response", "a successful exchange must have a JSON response");
        }

        var response = Required(record, "response", "$");
        var choices = Required(response, "choices", "$.response");
        Expect(choices, JsonValueKind.Array, "$.response.choices");
        if (choices.GetArrayLength() == 0)
        {
            throw new ImportException("$.response.choices", "expected at least one choice");
        }

        var message = Required(choices[0], "message", "$.response.choices[0]");
        const string path = "$.response.choices[0].message";
        step.Content = message.TryGetProperty("content", out var content) && content.ValueKind != JsonValueKind.Null ? Content(content, $"{path}.content") : null;
        step.Thought = OptionalString(message, "reasoning_content", path) ?? step.Content;
        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind != JsonValueKind.Null)
        {
            step.ToolCalls.AddRange(ToolCalls(calls, $"{path}.tool_calls"));
        }

        if (response.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            step.Usage = Usage(usage, "$.response.usage", pricePrompt, priceCompletion);
        }
    }

    /// <summary>A command's result, paired with its call by id.</summary>
    public static void Observation(JsonElement record, ReferenceStep step) =>
        step.Observations.Add(new Observation(RequiredString(record, "content", "$"))
        {
            CallId = OptionalString(record, "call_id", "$"),
            ExitCode = (int?)OptionalLong(record, "exit_code", "$"),
            IsError = OptionalBool(record, "timed_out", "$") ?? false,
        });

    /// <summary>A malformed turn or a detected loop: the reason is the step's error; the corrective message is kept.</summary>
    public static void Error(JsonElement record, ReferenceStep step)
    {
        var kind = OptionalString(record, "kind", "$") ?? "error";
        step.Errors.Add($"{kind}: {RequiredString(record, "reason", "$")}");
        if (OptionalString(record, "message", "$") is not { } message)
        {
            return;
        }

        if (OptionalString(record, "call_id", "$") is { } callId)
        {
            step.Observations.Add(new Observation(message) { CallId = callId, IsError = true });
        }
        else
        {
            step.Feedback.Add(new Message("user", message));
        }
    }

    /// <summary>OpenAI usage (<c>prompt_tokens</c>, <c>completion_tokens</c>, <c>total_tokens</c>, or the end event's <c>cost_usd</c>).</summary>
    public static Usage Usage(JsonElement usage, string path, double? pricePrompt, double? priceCompletion)
    {
        var prompt = OptionalLong(usage, "prompt_tokens", path);
        var completion = OptionalLong(usage, "completion_tokens", path);
        var cost = OptionalDouble(usage, "cost_usd", path);
        if (cost is null && pricePrompt is { } p && priceCompletion is { } c && prompt is not null && completion is not null)
        {
            cost = (prompt.Value * p / 1000) + (completion.Value * c / 1000);
        }

        return new Usage(prompt, completion, OptionalLong(usage, "total_tokens", path), cost);
    }

    private static List<ToolCall> ToolCalls(JsonElement calls, string path)
    {
        Expect(calls, JsonValueKind.Array, path);
        var result = new List<ToolCall>();
        var index = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var callPath = $"{path}[{index++}]";
            var function = Required(call, "function", callPath);
            var (arguments, raw, parseError) = function.TryGetProperty("arguments", out var value) ? Arguments(value) : ([], null, null);
            result.Add(new ToolCall(RequiredString(function, "name", $"{callPath}.function"), arguments)
            {
                Id = OptionalString(call, "id", callPath),
                ArgumentsRaw = raw,
                ParseError = parseError,
            });
        }

        return result;
    }

    private static List<Message> Messages(JsonElement messages, string path)
    {
        Expect(messages, JsonValueKind.Array, path);
        var result = new List<Message>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var messagePath = $"{path}[{index++}]";
            var content = message.TryGetProperty("content", out var value) ? Content(value, $"{messagePath}.content") : "";
            result.Add(new Message(RequiredString(message, "role", messagePath), content)
            {
                ToolCallId = OptionalString(message, "tool_call_id", messagePath),
                ToolCalls = message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind != JsonValueKind.Null ? ToolCalls(calls, $"{messagePath}.tool_calls") : [],
            });
        }

        return result;
    }
}
