using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// OpenAI messages' rules: known roles, string content, every <c>tool_calls</c> id unique and answered by exactly one
/// <c>tool</c> message before the next assistant message, no <c>tool</c> message answering nothing, and (where weights
/// are written) <c>weight</c> 0 or 1 on every message, 1 only on assistant messages.
/// </summary>
internal static class ToolPairing
{
    private static readonly string[] s_roles = [Turn.System, Turn.User, Turn.Assistant, Turn.Tool];

    public static void Check(JsonArray? messages, string name, bool weights, List<string> problems, bool allowEmpty = false)
    {
        if (messages is null || (messages.Count == 0 && !allowEmpty))
        {
            problems.Add($"{name} is empty or missing");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var role = CorpusValidator.Text(message, "role");
            var where = $"{name}[{i}]";
            CorpusValidator.Require(role is not null && s_roles.Contains(role), $"{where}: role '{role}' is not system/user/assistant/tool", problems);
            CorpusValidator.Require(CorpusValidator.Text(message, "content") is not null, $"{where}: content is not a string", problems);
            if (role == Turn.Assistant)
            {
                CorpusValidator.Require(pending.Count == 0, $"{where}: calls {string.Join(", ", pending)} were not answered", problems);
                pending.Clear();
                foreach (var call in message?["tool_calls"] as JsonArray ?? [])
                {
                    var id = CorpusValidator.Text(call, "id") ?? "";
                    CorpusValidator.Require(id.Length > 0 && seen.Add(id), $"{where}: tool call id '{id}' is empty or not unique", problems);
                    CorpusValidator.Require(CorpusValidator.Text(call, "type") == "function" && CorpusValidator.Text(call?["function"], "arguments") is not null, $"{where}: tool call '{id}' is not a function with string arguments", problems);
                    pending.Add(id);
                }
            }
            else if (role == Turn.Tool)
            {
                var id = CorpusValidator.Text(message, "tool_call_id") ?? "";
                CorpusValidator.Require(pending.Remove(id), $"{where}: tool message answers '{id}', which no pending call has", problems);
            }

            if (weights)
            {
                var weight = message?["weight"] is JsonValue w && w.TryGetValue<int>(out var n) ? n : -1;
                CorpusValidator.Require(weight is 0 or 1 && (weight == 0 || role == Turn.Assistant), $"{where}: weight must be 0 or 1, and 1 only on assistant messages", problems);
            }
        }

        CorpusValidator.Require(pending.Count == 0, $"{name}: calls {string.Join(", ", pending)} were not answered", problems);
    }
}
