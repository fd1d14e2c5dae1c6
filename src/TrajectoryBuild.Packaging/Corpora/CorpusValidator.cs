using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// Each consumer's rules for one row: ShareGPT / KTO alternation (LLaMA-Factory), <c>tool_calls</c> pairing and weights
/// (OpenAI messages), DPO sides non-empty and different, TRL KTO completion non-empty and a boolean label, PRM equal
/// lengths. Empty result: the row is valid.
/// </summary>
public static class CorpusValidator
{
    /// <summary>What is wrong with <paramref name="row"/> as a <paramref name="format"/> row.</summary>
    public static IReadOnlyList<string> Validate(CorpusFormat format, JsonObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var problems = new List<string>();
        switch (format)
        {
            case CorpusFormat.ShareGpt:
                Alternation(row["conversations"] as JsonArray, "from", "value", ShareGptTurns.Human, ShareGptTurns.Gpt, problems);
                FunctionCalls(row["conversations"] as JsonArray, "from", "value", problems);
                Require(row["system"] is JsonValue s && s.TryGetValue<string>(out _), "system is not a string", problems);
                Require(row["tools"] is JsonValue t && t.TryGetValue<string>(out var tools) && (tools.Length == 0 || ParsesAs<JsonArray>(tools)), "tools is not a JSON array string", problems);
                break;
            case CorpusFormat.Kto:
                Kto(row, problems);
                break;
            case CorpusFormat.KtoLlamaFactory:
                var messages = row["messages"] as JsonArray;
                var system = messages is [JsonObject first, ..] && Text(first, "role") == Turn.System;
                Alternation(system ? new JsonArray([.. messages!.Skip(1).Select(m => m?.DeepClone())]) : messages, "role", "content", Turn.User, Turn.Assistant, problems);
                FunctionCalls(messages, "role", "content", problems);
                Label(row, problems);
                break;
            case CorpusFormat.OpenAi:
                ToolPairing.Check(row["messages"] as JsonArray, "messages", weights: true, problems);
                break;
            case CorpusFormat.Dpo:
                Dpo(row, problems);
                break;
            case CorpusFormat.Prm:
                Prm(row, problems);
                break;
            case CorpusFormat.Stepwise:
                Stepwise(row, problems);
                break;
            default:
                problems.Add($"unknown format {format}");
                break;
        }

        return problems;
    }

    internal static string? Text(JsonNode? node, string key) =>
        node?[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    internal static void Require(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    private static void Alternation(JsonArray? turns, string tagKey, string valueKey, string human, string model, List<string> problems)
    {
        if (turns is null || turns.Count == 0)
        {
            problems.Add("no turns");
            return;
        }

        string[][] accepted = [[human, ShareGptTurns.ObservationTag], [model, ShareGptTurns.FunctionCall]];
        for (var i = 0; i < turns.Count; i++)
        {
            var tag = Text(turns[i], tagKey);
            Require(tag is not null && accepted[i % 2].Contains(tag), $"turn {i}: {tagKey} '{tag}' where one of {string.Join("/", accepted[i % 2])} is required", problems);
            Require(Text(turns[i], valueKey) is not null, $"turn {i}: {valueKey} is not a string", problems);
        }

        Require(turns.Count % 2 == 0, $"odd number of turns ({turns.Count}): the last one must be the model's", problems);
    }

    private static void FunctionCalls(JsonArray? turns, string tagKey, string valueKey, List<string> problems)
    {
        foreach (var (turn, i) in (turns ?? []).Select((t, i) => (t, i)).Where(t => Text(t.t, tagKey) == ShareGptTurns.FunctionCall))
        {
            var value = Text(turn, valueKey) ?? "";
            var calls = ParsesAs<JsonObject>(value) ? [JsonNode.Parse(value)] : ParsesAs<JsonArray>(value) ? JsonNode.Parse(value)!.AsArray().ToList() : [];
            Require(calls.Count > 0 && calls.All(c => Text(c, "name") is not null && c!["arguments"] is not null), $"turn {i}: function_call value is not {{name, arguments}} JSON", problems);
        }
    }

    private static void Dpo(JsonObject row, List<string> problems)
    {
        ToolPairing.Check(row["prompt"] as JsonArray, "prompt", weights: false, problems, allowEmpty: true);
        ToolPairing.Check(row["chosen"] as JsonArray, "chosen", weights: false, problems);
        ToolPairing.Check(row["rejected"] as JsonArray, "rejected", weights: false, problems);
        Require(row["chosen"] is null || row["rejected"] is null || !JsonNode.DeepEquals(row["chosen"], row["rejected"]), "chosen and rejected are the same", problems);
    }

    private static void Kto(JsonObject row, List<string> problems)
    {
        ToolPairing.Check(row["prompt"] as JsonArray, "prompt", weights: false, problems, allowEmpty: true);
        ToolPairing.Check(row["completion"] as JsonArray, "completion", weights: false, problems);
        // TRL's apply_chat_template templates the prompt with a generation prompt after a user message (or continues an
        // assistant one) and raises on any other last role; the completion is then the model's answer to it.
        var last = row["prompt"] is JsonArray { Count: > 0 } prompt ? Text(prompt[^1], "role") : null;
        Require(last is null or Turn.User or Turn.Assistant, $"prompt ends with a '{last}' message, not user or assistant", problems);
        Require(row["completion"] is not JsonArray { Count: > 0 } completion || Text(completion[0], "role") == Turn.Assistant, "completion does not start with an assistant message", problems);
        Label(row, problems);
    }

    private static void Label(JsonObject row, List<string> problems) =>
        Require(row["label"] is JsonValue l && l.TryGetValue<bool>(out _), "label is not a boolean", problems);

    private static void Prm(JsonObject row, List<string> problems)
    {
        Require(Text(row, "prompt") is not null, "prompt is not a string", problems);
        var completions = row["completions"] as JsonArray;
        var labels = row["labels"] as JsonArray;
        Require(completions is { Count: > 0 }, "completions is empty or missing", problems);
        Require(completions is null || completions.All(c => c is JsonValue v && v.TryGetValue<string>(out _)), "a completion is not a string", problems);
        Require(labels is null || labels.All(l => l is JsonValue v && v.TryGetValue<bool>(out _)), "a label is not a boolean", problems);
        Require(completions?.Count == labels?.Count, $"completions ({completions?.Count}) and labels ({labels?.Count}) differ in length", problems);
    }

    private static void Stepwise(JsonObject row, List<string> problems)
    {
        Require(row["steps"] is JsonArray, "steps is not an array", problems);
        foreach (var step in row["steps"] as JsonArray ?? [])
        {
            var label = step?["label"] is JsonValue l && l.TryGetValue<int>(out var n) ? n : int.MinValue;
            var score = step?["score"] is JsonValue s && s.TryGetValue<double>(out var d) ? d : double.NaN;
            Require(label is >= -1 and <= 1, $"step {step?["step"]}: label is not -1, 0 or 1", problems);
            Require(score is >= 0 and <= 1, $"step {step?["step"]}: score is not in [0, 1]", problems);
            Require(Text(step, "text") is not null && Text(step, "source") is not null, $"step {step?["step"]}: text or source missing", problems);
        }

        Require(row["outcome"]?["resolved"] is JsonValue, "outcome.resolved missing", problems);
    }

    private static bool ParsesAs<T>(string text)
        where T : JsonNode
    {
        try
        {
            return JsonNode.Parse(text) is T;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
