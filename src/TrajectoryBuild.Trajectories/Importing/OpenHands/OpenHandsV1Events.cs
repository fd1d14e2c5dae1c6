using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Importing.Chat;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.OpenHands;

/// <summary>
/// Reads OpenHands V1 (software-agent-sdk) events, tagged by <c>kind</c>: <c>SystemPromptEvent</c> is the system
/// prompt and tools; <c>MessageEvent</c>s are user messages (prompt or feedback) or agent replies (steps without calls);
/// consecutive <c>ActionEvent</c>s of one <c>llm_response_id</c> are one step; <c>ObservationEvent</c>,
/// <c>UserRejectObservation</c> and <c>AgentErrorEvent</c> answer a call by <c>tool_call_id</c>;
/// <c>ConversationErrorEvent</c> is the run's error. State events carry no conversation and are skipped.
/// </summary>
internal sealed partial class OpenHandsV1Events
{
    private static readonly string[] s_common = ["kind", "id", "timestamp", "source"];

    private static readonly FrozenDictionary<string, FrozenSet<string>> s_fields = new Dictionary<string, FrozenSet<string>>
    {
        ["SystemPromptEvent"] = Fields("system_prompt", "tools", "dynamic_context"),
        ["MessageEvent"] = Fields("llm_message", "llm_response_id", "activated_skills", "activated_microagents", "extended_content", "sender", "critic_result"),
        ["ActionEvent"] = Fields("thought", "reasoning_content", "thinking_blocks", "responses_reasoning_item", "reasoning_details", "action", "tool_name",
            "tool_call_id", "tool_call", "llm_response_id", "security_risk", "critic_result", "summary"),
        ["ObservationEvent"] = Fields("tool_name", "tool_call_id", "observation", "action_id", "extended_content"),
        ["UserRejectObservation"] = Fields("tool_name", "tool_call_id", "rejection_reason", "rejection_source", "action_id"),
        ["AgentErrorEvent"] = Fields("tool_name", "tool_call_id", "error", "classification"),
        ["ConversationErrorEvent"] = Fields("code", "detail"),
        ["CondensationSummaryEvent"] = Fields("summary"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_stateEvents = FrozenSet.Create(StringComparer.Ordinal,
        "ConversationStateUpdateEvent", "PauseEvent", "CondensationRequest", "Condensation", "TokenEvent");

    private static readonly FrozenSet<string> s_llmMessageFields = FrozenSet.Create(StringComparer.Ordinal,
        "role", "content", "tool_calls", "tool_call_id", "name", "reasoning_content", "thinking_blocks", "responses_reasoning_item",
        "cache_enabled", "vision_enabled", "function_calling_enabled", "force_string_serializer", "send_reasoning_content");

    private static readonly FrozenSet<string> s_toolCallFields = FrozenSet.Create(StringComparer.Ordinal, "id", "name", "arguments", "origin");

    private readonly List<Message> _prompt = [];
    private readonly List<StepBuilder> _steps = [];
    private readonly Dictionary<string, StepBuilder> _calls = new(StringComparer.Ordinal);

    private OpenHandsV1Events()
    {
    }

    public JsonArray? Tools { get; private set; }

    public string? Error { get; private set; }

    public ChatConversation Conversation => ChatConversation.From(_prompt, _steps);

    public static OpenHandsV1Events Read(JsonElement events, string path)
    {
        JsonFields.Expect(events, JsonValueKind.Array, path);
        var reader = new OpenHandsV1Events();
        var index = 0;
        var lastWasAction = false;
        foreach (var item in events.EnumerateArray())
        {
            lastWasAction = reader.Event(item, $"{path}[{index++}]", lastWasAction);
        }

        return reader;
    }

    // Returns whether the event was an action (so that the next action of the same response joins its step).
    private bool Event(JsonElement item, string at, bool lastWasAction)
    {
        var kind = JsonFields.RequiredString(item, "kind", at);
        if (s_stateEvents.Contains(kind))
        {
            return lastWasAction;
        }

        if (!s_fields.TryGetValue(kind, out var fields))
        {
            throw new ImportException($"{at}.kind", $"unknown event kind '{kind}'; this importer reads: {string.Join(", ", s_fields.Keys.Concat(s_stateEvents).Order(StringComparer.Ordinal))}");
        }

        JsonFields.RejectUnknown(item, at, fields);
        switch (kind)
        {
            case "SystemPromptEvent":
                SystemPrompt(item, at);
                return false;
            case "MessageEvent":
                MessageEvent(item, at);
                return false;
            case "ActionEvent":
                Action(item, at, lastWasAction);
                return true;
            case "ConversationErrorEvent":
                var code = JsonFields.OptionalString(item, "code", at);
                var detail = JsonFields.OptionalString(item, "detail", at);
                Error = code is null ? detail : $"{code}: {detail}";
                return false;
            case "CondensationSummaryEvent":
                AddMessage(new Message("user", JsonFields.RequiredString(item, "summary", at)));
                return false;
            default:
                Answer(item, at, kind);
                return lastWasAction;
        }
    }

    private static FrozenSet<string> Fields(params string[] names) => FrozenSet.Create(StringComparer.Ordinal, [.. s_common, .. names]);

    private void AddMessage(Message message)
    {
        if (_steps.Count == 0)
        {
            _prompt.Add(message);
        }
        else
        {
            _steps[^1].Feedback.Add(message);
        }
    }
}
