using System.Text.Json;
using TrajectoryBuild.Trajectories.Importing.Chat;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.OpenHands;

internal sealed partial class OpenHandsV1Events
{
    private void SystemPrompt(JsonElement item, string at)
    {
        var prompt = JsonFields.Required(item, "system_prompt", at);
        _prompt.Add(new Message("system", prompt.ValueKind == JsonValueKind.Object
            ? JsonFields.RequiredString(prompt, "text", $"{at}.system_prompt")
            : JsonFields.Content(prompt, $"{at}.system_prompt")));
        if (item.TryGetProperty("dynamic_context", out var context) && context.ValueKind != JsonValueKind.Null)
        {
            _prompt.Add(new Message("user", context.ValueKind == JsonValueKind.Object
                ? JsonFields.RequiredString(context, "text", $"{at}.dynamic_context")
                : JsonFields.Content(context, $"{at}.dynamic_context")));
        }

        if (item.TryGetProperty("tools", out var tools) && tools.ValueKind != JsonValueKind.Null)
        {
            JsonFields.Expect(tools, JsonValueKind.Array, $"{at}.tools");
            Tools = (System.Text.Json.Nodes.JsonArray)JsonFields.ToNode(tools)!;
        }
    }

    private void MessageEvent(JsonElement item, string at)
    {
        var source = JsonFields.RequiredString(item, "source", at);
        var message = JsonFields.Required(item, "llm_message", at);
        var path = $"{at}.llm_message";
        JsonFields.RejectUnknown(message, path, s_llmMessageFields);
        var role = JsonFields.RequiredString(message, "role", path);
        var content = message.TryGetProperty("content", out var value) ? JsonFields.Content(value, $"{path}.content") : "";
        if (item.TryGetProperty("extended_content", out var extended) && extended.ValueKind == JsonValueKind.Array)
        {
            content += JsonFields.Content(extended, $"{at}.extended_content");
        }

        if (source == "agent" || role == "assistant")
        {
            _steps.Add(new StepBuilder
            {
                Content = content.Length == 0 ? null : content,
                Thought = JsonFields.OptionalString(message, "reasoning_content", path),
                Timestamp = JsonFields.OptionalString(item, "timestamp", at),
                ResponseId = JsonFields.OptionalString(item, "llm_response_id", at),
            });
            return;
        }

        if (role is not ("user" or "system"))
        {
            throw new ImportException($"{path}.role", $"unexpected role '{role}' for a {source} message; expected user or system");
        }

        AddMessage(new Message(role, content));
    }

    private void Action(JsonElement item, string at, bool lastWasAction)
    {
        var responseId = JsonFields.RequiredString(item, "llm_response_id", at);
        var thought = item.TryGetProperty("thought", out var parts) ? JsonFields.Content(parts, $"{at}.thought") : "";
        var step = lastWasAction && _steps.Count > 0 && _steps[^1].ResponseId == responseId ? _steps[^1] : null;
        if (step is null)
        {
            step = new StepBuilder
            {
                ResponseId = responseId,
                Timestamp = JsonFields.OptionalString(item, "timestamp", at),
                Content = thought.Length == 0 ? null : thought,
                Thought = JsonFields.OptionalString(item, "reasoning_content", at) ?? (thought.Length == 0 ? null : thought),
            };
            _steps.Add(step);
        }

        var callPath = $"{at}.tool_call";
        var call = JsonFields.Required(item, "tool_call", at);
        JsonFields.RejectUnknown(call, callPath, s_toolCallFields);
        var id = JsonFields.OptionalString(item, "tool_call_id", at) ?? JsonFields.RequiredString(call, "id", callPath);
        var name = JsonFields.OptionalString(call, "name", callPath) ?? JsonFields.RequiredString(item, "tool_name", at);
        var (arguments, raw, error) = call.TryGetProperty("arguments", out var value) ? JsonFields.Arguments(value) : ([], null, null);
        step.ToolCalls.Add(new ToolCall(name, arguments) { Id = id, ArgumentsRaw = raw, ParseError = error });
        _calls[id] = step;
    }

    // ObservationEvent, UserRejectObservation, AgentErrorEvent: each answers one call by tool_call_id.
    private void Answer(JsonElement item, string at, string kind)
    {
        var callId = JsonFields.RequiredString(item, "tool_call_id", at);
        if (!_calls.TryGetValue(callId, out var step))
        {
            throw new ImportException($"{at}.tool_call_id", $"'{callId}' answers no earlier ActionEvent");
        }

        step.Observations.Add(kind switch
        {
            "ObservationEvent" => Observed(item, at, callId),
            "UserRejectObservation" => new Observation($"Action rejected: {JsonFields.OptionalString(item, "rejection_reason", at)}") { CallId = callId, IsError = true },
            _ => new Observation(JsonFields.RequiredString(item, "error", at)) { CallId = callId, IsError = true },
        });
    }

    private static Observation Observed(JsonElement item, string at, string callId)
    {
        var path = $"{at}.observation";
        var observation = JsonFields.Required(item, "observation", at);
        JsonFields.Expect(observation, JsonValueKind.Object, path);
        var content = observation.TryGetProperty("content", out var value) ? JsonFields.Content(value, $"{path}.content") : "";
        long? exitCode = JsonFields.OptionalLong(observation, "exit_code", path);
        if (exitCode is null && observation.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            exitCode = JsonFields.OptionalLong(metadata, "exit_code", $"{path}.metadata");
        }

        var isError = JsonFields.OptionalBool(observation, "is_error", path) ?? false;
        return new Observation(content) { CallId = callId, ExitCode = exitCode is { } code ? checked((int)code) : null, IsError = isError };
    }
}
