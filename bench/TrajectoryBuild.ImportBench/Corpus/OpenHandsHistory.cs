using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// An episode as OpenHands V0 records it (<c>event_to_dict</c>): the system action with the tools, the task as a user
/// message, the workspace recall, then per call an agent action and the observation whose <c>cause</c> is the action's
/// id, now and then a plain agent message that the user answers. A call's action and observation both carry its
/// <c>tool_call_metadata</c> with the whole model response (so a response's text, calls and usage stand in each event
/// of it), and every action the model made the cumulative <c>llm_metrics</c>. The run ends with <c>finish</c>, or,
/// when it did not submit, with an error outside any call and no finish.
/// </summary>
internal sealed class OpenHandsHistory(Episode episode, Rng rng)
{
    private const int ToolsTokens = 2400;

    private readonly List<OpenHandsCall> _calls = OpenHandsCall.Plan(episode, rng);
    private readonly List<Response> _responses = [];
    private DateTime _time = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(rng.Int(0, 300 * 86400) + rng.Unit());
    private long _id;
    private long _context = (episode.SystemPrompt.Length + episode.Task.Length) / 4;

    private long PromptTokens => _responses.Sum(r => r.PromptTokens);

    private long CompletionTokens => _responses.Sum(r => r.CompletionTokens);

    private double Cost => Math.Round(_responses.Sum(r => r.Cost), 6);

    /// <summary>Writes the event list as an array value.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        Action(writer, "agent", episode.SystemPrompt, "system", null, null);
        writer.WriteStartObject("args");
        writer.WriteString("content", episode.SystemPrompt);
        writer.WritePropertyName("tools");
        OpenHandsRun.WriteTools(writer);
        writer.WriteString("openhands_version", OpenHandsRun.Version);
        writer.WriteString("agent_class", "CodeActAgent");
        writer.WriteEndObject();
        writer.WriteEndObject();

        var instruction = OpenHandsRun.Instruction(episode);
        Message(writer, "user", instruction, null);
        var recall = Action(writer, "user", "Retrieving content for: " + instruction[..Math.Min(60, instruction.Length)], "recall", null, null);
        writer.WriteStartObject("args");
        writer.WriteString("recall_type", "workspace_context");
        writer.WriteString("query", instruction);
        writer.WriteString("thought", "");
        writer.WriteEndObject();
        writer.WriteEndObject();
        State(writer, "running");
        Recall(writer, recall);

        Response? response = null;
        for (var i = 0; i < _calls.Count; i++)
        {
            var call = _calls[i];
            if (call.Action == "finish" && episode.ExitStatus != "submitted")
            {
                Error(writer);
                break;
            }

            var sharesPrevious = i > 0 && _calls[i - 1].SharesNextResponse;
            if (!sharesPrevious)
            {
                if (call.MessageBefore)
                {
                    AgentMessage(writer, call.Step.Thought);
                }

                response = Respond(call.Step.Thought, call.SharesNextResponse ? [call, _calls[i + 1]] : [call]);
            }

            var id = CallAction(writer, call, response!, first: !sharesPrevious);
            if (call.Action != "finish")
            {
                CallObservation(writer, call, response!, id);
            }
        }

        if (episode.ExitStatus == "submitted")
        {
            State(writer, "finished");
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the run's metrics (after <see cref="Write"/>): the totals and each response's cost, latency and tokens.</summary>
    public void WriteMetrics(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("accumulated_cost", Cost);
        writer.WriteNull("max_budget_per_task");
        writer.WritePropertyName("accumulated_token_usage");
        TokenUsage(writer, PromptTokens, CompletionTokens, 0, "");
        writer.WriteStartArray("costs");
        foreach (var response in _responses)
        {
            ModelEntry(writer, "cost", response.Cost);
            writer.WriteNumber("timestamp", response.Created + 0.5);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("response_latencies");
        foreach (var response in _responses)
        {
            ModelEntry(writer, "latency", response.Latency);
            writer.WriteString("response_id", response.Id);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("token_usages");
        foreach (var response in _responses)
        {
            TokenUsage(writer, response.PromptTokens, response.CompletionTokens, response.CachedTokens, response.Id);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private Response Respond(string content, List<OpenHandsCall> calls)
    {
        var completion = 20 + ((content.Length + calls.Sum(c => c.ArgumentsJson.Length)) / 4);
        var prompt = ToolsTokens + _context;
        var cached = _responses.Count == 0 ? 0 : _responses[^1].PromptTokens;
        var response = new Response(
            string.Create(CultureInfo.InvariantCulture, $"chatcmpl-{rng.Next():x16}{(uint)rng.Next():x8}"),
            new DateTimeOffset(_time).ToUnixTimeSeconds(),
            content,
            calls,
            prompt,
            completion,
            cached,
            Math.Round(((prompt - cached) * 3e-6) + (cached * 0.3e-6) + (completion * 15e-6), 6),
            Math.Round(1.5 + (rng.Unit() * 9), 6));
        _responses.Add(response);
        _context += completion + calls.Sum(c => c.ToolText.Length / 4);
        _time = _time.AddSeconds(response.Latency);
        return response;
    }

    private long CallAction(Utf8JsonWriter writer, OpenHandsCall call, Response response, bool first)
    {
        var step = call.Step;
        var message = call.Action switch
        {
            "run" => "Running command: " + step.Command,
            "read" => "Reading file: " + call.Path,
            "finish" => step.Thought,
            _ => "",
        };
        var id = Action(writer, "agent", message, call.Action, call, response);
        var thought = first ? step.Thought : "";
        writer.WriteStartObject("args");
        switch (call.Action)
        {
            case "run":
                writer.WriteString("command", step.Command);
                writer.WriteBoolean("is_input", false);
                writer.WriteString("thought", thought);
                writer.WriteBoolean("blocking", false);
                writer.WriteBoolean("is_static", false);
                writer.WriteNull("cwd");
                writer.WriteBoolean("hidden", false);
                writer.WriteString("confirmation_state", "confirmed");
                writer.WriteNumber("security_risk", -1);
                break;
            case "read":
                writer.WriteString("path", call.Path);
                writer.WriteNumber("start", 0);
                writer.WriteNumber("end", -1);
                writer.WriteString("thought", thought);
                writer.WriteNumber("security_risk", -1);
                writer.WriteString("impl_source", "oh_aci");
                writer.WriteNull("view_range");
                break;
            case "edit":
                writer.WriteString("path", call.Path);
                writer.WriteString("command", "str_replace");
                writer.WriteNull("file_text");
                writer.WriteString("old_str", call.Edit.Old);
                writer.WriteString("new_str", call.Edit.New);
                writer.WriteNull("insert_line");
                writer.WriteString("content", "");
                writer.WriteNumber("start", 1);
                writer.WriteNumber("end", -1);
                writer.WriteString("thought", thought);
                writer.WriteNumber("security_risk", -1);
                writer.WriteString("impl_source", "oh_aci");
                break;
            default:
                writer.WriteString("final_thought", step.Thought);
                writer.WriteString("task_completed", "true");
                writer.WriteStartObject("outputs");
                writer.WriteEndObject();
                writer.WriteString("thought", thought);
                break;
        }

        writer.WriteEndObject();
        writer.WriteNumber("timeout", 120);
        writer.WriteEndObject();
        return id;
    }

    private void CallObservation(Utf8JsonWriter writer, OpenHandsCall call, Response response, long cause)
    {
        _time = _time.AddSeconds(call.Step.Seconds);
        var kind = call.Action == "edit" && call.Failed ? "error" : call.Action;
        var message = kind switch
        {
            "run" => string.Create(CultureInfo.InvariantCulture, $"Command `{call.Step.Command}` executed with exit code {call.Step.ExitCode}."),
            "read" => $"I read the file {call.Path}.",
            "edit" => $"I edited the file {call.Path}.",
            _ => call.Output,
        };
        Event(writer, "agent", message);
        writer.WriteNumber("cause", cause);
        writer.WriteString("observation", kind);
        ToolCallMetadata(writer, call, response);
        writer.WriteString("content", call.Output);
        writer.WriteStartObject("extras");
        switch (kind)
        {
            case "run":
                writer.WriteString("command", call.Step.Command);
                OpenHandsCall.WriteMetadata(writer, call.Step, "root", "runtime-swebench", OpenHandsCall.Footer(call.Step.ExitCode));
                writer.WriteBoolean("hidden", false);
                break;
            case "read":
                writer.WriteString("path", call.Path);
                writer.WriteString("impl_source", "oh_aci");
                break;
            case "edit":
                writer.WriteString("path", call.Path);
                writer.WriteBoolean("prev_exist", true);
                writer.WriteString("old_content", call.Edit.Old);
                writer.WriteString("new_content", call.Edit.New);
                writer.WriteString("impl_source", "oh_aci");
                writer.WriteString("diff", Diff(call));
                writer.WriteNull("_diff_cache");
                break;
            default:
                writer.WriteString("error_id", "");
                break;
        }

        writer.WriteEndObject();
        if (kind == "run")
        {
            writer.WriteBoolean("success", call.Step.ExitCode == 0);
        }

        writer.WriteEndObject();
    }

    // The agent answers with a message instead of a call; the evaluation's fake user tells it to go on.
    private void AgentMessage(Utf8JsonWriter writer, string content)
    {
        Message(writer, "agent", content, Respond(content, []));
        State(writer, "awaiting_user_input");
        Message(writer, "user", OpenHandsRun.ContinuePrompt, null);
        State(writer, "running");
    }

    private void Message(Utf8JsonWriter writer, string source, string content, Response? response)
    {
        Action(writer, source, content, "message", null, response);
        writer.WriteStartObject("args");
        writer.WriteString("content", content);
        writer.WriteNull("file_urls");
        writer.WriteNull("image_urls");
        writer.WriteBoolean("wait_for_response", source == "agent");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private void Recall(Utf8JsonWriter writer, long cause)
    {
        Event(writer, "environment", "Added workspace context");
        writer.WriteNumber("cause", cause);
        writer.WriteString("observation", "recall");
        writer.WriteString("content", "Added workspace context");
        writer.WriteStartObject("extras");
        writer.WriteString("recall_type", "workspace_context");
        writer.WriteString("repo_name", OpenHandsRun.Repo(episode));
        writer.WriteString("repo_directory", "/testbed");
        writer.WriteString("repo_instructions", "");
        writer.WriteStartObject("runtime_hosts");
        writer.WriteNumber("http://localhost:52344", 52344);
        writer.WriteEndObject();
        writer.WriteString("additional_agent_instructions", "");
        writer.WriteString("date", _time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteStartObject("custom_secrets_descriptions");
        writer.WriteEndObject();
        writer.WriteString("conversation_instructions", "");
        writer.WriteString("working_dir", "/testbed");
        writer.WriteStartArray("microagent_knowledge");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // A run that did not submit: the controller's error, outside any call, and no finish.
    private void Error(Utf8JsonWriter writer)
    {
        var content = episode.ExitStatus == "exit_cost"
            ? "RuntimeError: Agent reached maximum budget for conversation. Current budget: 3.00, max budget: 3.00"
            : "AgentStuckInLoopError: Agent got stuck in a loop";
        Event(writer, "environment", content);
        writer.WriteString("observation", "error");
        writer.WriteString("content", content);
        writer.WriteStartObject("extras");
        writer.WriteString("error_id", "");
        writer.WriteEndObject();
        writer.WriteEndObject();
        State(writer, "error");
    }

    private void State(Utf8JsonWriter writer, string state)
    {
        Event(writer, "environment", "");
        writer.WriteString("observation", "agent_state_changed");
        writer.WriteString("content", "");
        writer.WriteStartObject("extras");
        writer.WriteString("agent_state", state);
        writer.WriteString("reason", "");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // Starts an action event: its id, time, source and message, the call's metadata, and the metrics so far (agent
    // actions of a model response); the caller writes args and ends it. Returns the event's id.
    private long Action(Utf8JsonWriter writer, string source, string message, string action, OpenHandsCall? call, Response? response)
    {
        var id = Event(writer, source, message);
        writer.WriteString("action", action);
        if (response is null)
        {
            return id;
        }

        if (call is not null)
        {
            ToolCallMetadata(writer, call, response);
        }

        writer.WriteStartObject("llm_metrics");
        writer.WriteNumber("accumulated_cost", Cost);
        writer.WriteNull("max_budget_per_task");
        writer.WritePropertyName("accumulated_token_usage");
        TokenUsage(writer, PromptTokens, CompletionTokens, 0, "");
        writer.WriteStartArray("costs");
        writer.WriteEndArray();
        writer.WriteStartArray("response_latencies");
        writer.WriteEndArray();
        writer.WriteStartArray("token_usages");
        writer.WriteEndArray();
        writer.WriteEndObject();
        return id;
    }

    private long Event(Utf8JsonWriter writer, string source, string message)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", _id);
        writer.WriteString("timestamp", _time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        writer.WriteString("source", source);
        writer.WriteString("message", message);
        _time = _time.AddMilliseconds(5 + rng.Int(0, 400));
        return _id++;
    }

    private void ToolCallMetadata(Utf8JsonWriter writer, OpenHandsCall call, Response response)
    {
        writer.WriteStartObject("tool_call_metadata");
        writer.WriteString("function_name", call.Function);
        writer.WriteString("tool_call_id", call.Step.CallId);
        writer.WriteStartObject("model_response");
        writer.WriteString("id", response.Id);
        writer.WriteNumber("created", response.Created);
        writer.WriteString("model", episode.Model);
        writer.WriteString("object", "chat.completion");
        writer.WriteNull("system_fingerprint");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteString("finish_reason", "tool_calls");
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("content", response.Content);
        writer.WriteString("role", "assistant");
        writer.WriteStartArray("tool_calls");
        var index = 0;
        foreach (var made in response.Calls)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", index++);
            writer.WriteStartObject("function");
            writer.WriteString("arguments", made.ArgumentsJson);
            writer.WriteString("name", made.Function);
            writer.WriteEndObject();
            writer.WriteString("id", made.Step.CallId);
            writer.WriteString("type", "function");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNull("function_call");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("usage");
        writer.WriteNumber("completion_tokens", response.CompletionTokens);
        writer.WriteNumber("prompt_tokens", response.PromptTokens);
        writer.WriteNumber("total_tokens", response.PromptTokens + response.CompletionTokens);
        writer.WriteNull("completion_tokens_details");
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNull("audio_tokens");
        writer.WriteNumber("cached_tokens", response.CachedTokens);
        writer.WriteEndObject();
        writer.WriteNumber("cache_creation_input_tokens", response.PromptTokens - response.CachedTokens);
        writer.WriteNumber("cache_read_input_tokens", response.CachedTokens);
        writer.WriteEndObject();
        writer.WriteString("service_tier", "default");
        writer.WriteEndObject();
        writer.WriteNumber("total_calls_in_response", response.Calls.Count);
        writer.WriteEndObject();
    }

    // Starts an entry of the metrics' lists: the model and one figure; the caller writes the rest and ends it.
    private void ModelEntry(Utf8JsonWriter writer, string name, double value)
    {
        writer.WriteStartObject();
        writer.WriteString("model", episode.Model);
        writer.WriteNumber(name, value);
    }

    private void TokenUsage(Utf8JsonWriter writer, long prompt, long completion, long cached, string responseId)
    {
        writer.WriteStartObject();
        writer.WriteString("model", episode.Model);
        writer.WriteNumber("prompt_tokens", prompt);
        writer.WriteNumber("completion_tokens", completion);
        writer.WriteNumber("cache_read_tokens", cached);
        writer.WriteNumber("cache_write_tokens", prompt - cached);
        writer.WriteNumber("context_window", 200000);
        writer.WriteNumber("per_turn_token", prompt + completion);
        writer.WriteString("response_id", responseId);
        writer.WriteEndObject();
    }

    private static string Diff(OpenHandsCall call)
    {
        var old = call.Edit.Old.Split('\n');
        var replacement = call.Edit.New.Split('\n');
        var diff = new StringBuilder();
        diff.Append(CultureInfo.InvariantCulture, $"--- {call.Path}\n+++ {call.Path}\n@@ -1,{old.Length} +1,{replacement.Length} @@\n");
        foreach (var line in old)
        {
            diff.Append('-').Append(line).Append('\n');
        }

        foreach (var line in replacement)
        {
            diff.Append('+').Append(line).Append('\n');
        }

        return diff.ToString();
    }

    /// <summary>One model response: its id and time, its text and calls, its tokens, cost and latency.</summary>
    private sealed record Response(string Id, long Created, string Content, List<OpenHandsCall> Calls, long PromptTokens, long CompletionTokens, long CachedTokens, double Cost, double Latency);
}
