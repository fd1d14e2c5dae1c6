using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// OpenHands V1 (software-agent-sdk) conversations, one <c>.json</c> event array per run, compact and raw UTF-8 as
/// pydantic's <c>model_dump_json</c> writes each event (the shape of <c>F_openhands_v1_events.json</c>): the
/// <c>SystemPromptEvent</c> with the tools, the task as a user <c>MessageEvent</c>, state updates, then per call of
/// <see cref="OpenHandsCall.Plan"/> an <c>ActionEvent</c> (thought parts, the typed action, the tool call with its
/// JSON-string arguments, the response id shared by parallel calls) and its <c>ObservationEvent</c> (content parts,
/// <c>is_error</c>, the command's exit code). A plain agent message is answered by the user. Runs that did not submit
/// end with a <c>ConversationErrorEvent</c> instead of <c>finish</c>.
/// </summary>
internal sealed class OpenHandsV1Files : ICorpusGenerator
{
    // The SDK's tool names for the V0 functions the calls are planned with.
    private static readonly Dictionary<string, (string Tool, string Action, string Observation)> s_tools = new(StringComparer.Ordinal)
    {
        ["execute_bash"] = ("terminal", "TerminalAction", "TerminalObservation"),
        ["str_replace_editor"] = ("file_editor", "FileEditorAction", "FileEditorObservation"),
        ["think"] = ("think", "ThinkAction", "ThinkObservation"),
        ["finish"] = ("finish", "FinishAction", "FinishObservation"),
    };

    public string Extension => ".json";

    public JsonWriterOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public void Write(Utf8JsonWriter writer, Episode episode, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(rng);
        new Conversation(writer, episode, rng).Write();
    }

    private sealed class Conversation(Utf8JsonWriter writer, Episode episode, Rng rng)
    {
        private readonly List<OpenHandsCall> _calls = OpenHandsCall.Plan(episode, rng);
        private DateTime _time = new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(rng.Int(0, 90 * 86400) + rng.Unit());
        private int _event;
        private int _response;

        public void Write()
        {
            writer.WriteStartArray();
            Event("SystemPromptEvent", "agent");
            writer.WriteStartObject("system_prompt");
            writer.WriteString("type", "text");
            writer.WriteString("text", episode.SystemPrompt);
            writer.WriteEndObject();
            writer.WritePropertyName("tools");
            OpenHandsRun.WriteTools(writer, name => s_tools[name].Tool);
            writer.WriteEndObject();
            UserMessage(OpenHandsRun.Instruction(episode));
            State("running");

            for (var i = 0; i < _calls.Count; i++)
            {
                var call = _calls[i];
                if (call.Action == "finish" && episode.ExitStatus != "submitted")
                {
                    Event("ConversationErrorEvent", "environment");
                    writer.WriteString("code", "MaxIterationsReached");
                    writer.WriteString("detail", "Agent reached maximum iteration. Current iteration: 100, max iteration: 100");
                    writer.WriteEndObject();
                    State("error");
                    break;
                }

                var response = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-{rng.Next():x16}");
                if (call.MessageBefore)
                {
                    AgentMessage(call.Step.Thought, response);
                    UserMessage(OpenHandsRun.ContinuePrompt);
                    response = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-{rng.Next():x16}");
                }

                // Parallel calls: every action of the response first, then the observations in call order.
                var group = new List<(OpenHandsCall Call, string Id)> { (call, Action(call, response, first: true)) };
                while (_calls[i].SharesNextResponse && i + 1 < _calls.Count && _calls[i + 1].Action != "finish")
                {
                    i++;
                    group.Add((_calls[i], Action(_calls[i], response, first: false)));
                }

                foreach (var (done, id) in group)
                {
                    Observation(done, id);
                }
            }

            if (episode.ExitStatus == "submitted")
            {
                State("finished");
            }

            writer.WriteEndArray();
        }

        private string Event(string kind, string source)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{rng.Next():x8}-{_event++:x4}-4{(uint)rng.Next() & 0xFFF:x3}-a{(uint)rng.Next() & 0xFFF:x3}-{rng.Next() & 0xFFFFFFFFFFFF:x12}");
            writer.WriteStartObject();
            writer.WriteString("kind", kind);
            writer.WriteString("id", id);
            writer.WriteString("timestamp", _time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
            writer.WriteString("source", source);
            return id;
        }

        private void State(string status)
        {
            Event("ConversationStateUpdateEvent", "environment");
            writer.WriteString("key", "execution_status");
            writer.WriteString("value", status);
            writer.WriteEndObject();
        }

        private void UserMessage(string text)
        {
            Event("MessageEvent", "user");
            Message("user", text);
            writer.WriteStartArray("activated_skills");
            writer.WriteEndArray();
            writer.WriteStartArray("extended_content");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private void AgentMessage(string text, string response)
        {
            _time = _time.AddSeconds(1.5 + (rng.Unit() * 9));
            Event("MessageEvent", "agent");
            Message("assistant", text);
            writer.WriteString("llm_response_id", response);
            writer.WriteStartArray("activated_skills");
            writer.WriteEndArray();
            writer.WriteStartArray("extended_content");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private void Message(string role, string text)
        {
            writer.WriteStartObject("llm_message");
            writer.WriteString("role", role);
            writer.WriteStartArray("content");
            TextPart(text);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private void TextPart(string text)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "text");
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        private string Action(OpenHandsCall call, string response, bool first)
        {
            if (first)
            {
                _time = _time.AddSeconds(1.5 + (rng.Unit() * 9));
            }

            var (tool, action, _) = s_tools[call.Function];
            var callId = string.Create(CultureInfo.InvariantCulture, $"toolu_{_response++:D2}{rng.Next():x16}");
            var id = Event("ActionEvent", "agent");
            writer.WriteStartArray("thought");
            if (first && call.Action != "finish")
            {
                TextPart(call.Step.Thought);
            }

            writer.WriteEndArray();
            writer.WriteNull("reasoning_content");
            writer.WriteStartObject("action");
            writer.WriteString("kind", action);
            using (var arguments = JsonDocument.Parse(call.ArgumentsJson))
            {
                foreach (var property in arguments.RootElement.EnumerateObject())
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
            writer.WriteString("tool_name", tool);
            writer.WriteString("tool_call_id", callId);
            writer.WriteStartObject("tool_call");
            writer.WriteString("id", callId);
            writer.WriteString("name", tool);
            writer.WriteString("arguments", call.ArgumentsJson);
            writer.WriteString("origin", "completion");
            writer.WriteEndObject();
            writer.WriteString("llm_response_id", response);
            writer.WriteString("security_risk", "LOW");
            writer.WriteEndObject();
            return id + "\n" + callId;
        }

        private void Observation(OpenHandsCall call, string action)
        {
            var (tool, _, observation) = s_tools[call.Function];
            var separator = action.IndexOf('\n', StringComparison.Ordinal);
            _time = _time.AddSeconds(call.Step.Seconds);
            Event("ObservationEvent", "environment");
            writer.WriteString("tool_name", tool);
            writer.WriteString("tool_call_id", action[(separator + 1)..]);
            writer.WriteStartObject("observation");
            writer.WriteString("kind", observation);
            writer.WriteStartArray("content");
            TextPart(call.Action == "finish" ? call.Step.Thought : call.Output);
            writer.WriteEndArray();
            writer.WriteBoolean("is_error", call.Failed);
            switch (call.Action)
            {
                case "run":
                    writer.WriteString("command", call.Step.Command);
                    writer.WriteNumber("exit_code", call.Step.ExitCode);
                    writer.WriteNull("timeout");
                    OpenHandsCall.WriteMetadata(writer, call.Step, "openhands", "runtime", OpenHandsCall.Footer(call.Step.ExitCode).TrimStart('\n'));
                    break;
                case "read" or "edit":
                    writer.WriteString("command", call.Action == "read" ? "view" : "str_replace");
                    writer.WriteString("path", call.Path);
                    if (call.Action == "edit")
                    {
                        writer.WriteString("old_content", call.Edit.Old);
                        writer.WriteString("new_content", call.Edit.New);
                    }

                    break;
                default:
                    break;
            }

            writer.WriteEndObject();
            writer.WriteString("action_id", action[..separator]);
            writer.WriteEndObject();
        }
    }
}
