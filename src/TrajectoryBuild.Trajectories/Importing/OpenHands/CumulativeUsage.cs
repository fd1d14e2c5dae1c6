using System.Collections.Frozen;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.OpenHands;

/// OpenHands' <c>llm_metrics</c> are running totals; a step's usage is the difference from the previous totals.
internal sealed class CumulativeUsage
{
    private static readonly FrozenSet<string> s_metricsFields = FrozenSet.Create(StringComparer.Ordinal,
        "accumulated_cost", "accumulated_token_usage", "costs", "response_latencies", "token_usages", "max_budget_per_task");

    private long? _promptTokens;
    private long? _completionTokens;
    private double? _cost;

    /// The totals last seen, or null when no metrics were recorded.
    public Usage? Total { get; private set; }

    /// Reads totals (<c>accumulated_cost</c>, <c>accumulated_token_usage</c>) into a <see cref="Usage"/>.
    public static Usage Totals(JsonElement metrics, string path)
    {
        JsonFields.RejectUnknown(metrics, path, s_metricsFields);
        var cost = JsonFields.OptionalDouble(metrics, "accumulated_cost", path);
        long? prompt = null;
        long? completion = null;
        if (metrics.TryGetProperty("accumulated_token_usage", out var tokens) && tokens.ValueKind != JsonValueKind.Null)
        {
            var tokensPath = $"{path}.accumulated_token_usage";
            JsonFields.Expect(tokens, JsonValueKind.Object, tokensPath);
            prompt = JsonFields.OptionalLong(tokens, "prompt_tokens", tokensPath);
            completion = JsonFields.OptionalLong(tokens, "completion_tokens", tokensPath);
        }

        return new Usage(prompt, completion, prompt is null && completion is null ? null : (prompt ?? 0) + (completion ?? 0), cost);
    }

    /// The usage since the previous totals.
    public Usage Step(JsonElement metrics, string path)
    {
        var totals = Totals(metrics, path);
        var step = new Usage(
            Difference(totals.PromptTokens, _promptTokens),
            Difference(totals.CompletionTokens, _completionTokens),
            totals.PromptTokens is null && totals.CompletionTokens is null ? null : (Difference(totals.PromptTokens, _promptTokens) ?? 0) + (Difference(totals.CompletionTokens, _completionTokens) ?? 0),
            totals.CostUsd is { } cost ? cost - (_cost ?? 0) : null);
        (_promptTokens, _completionTokens, _cost) = (totals.PromptTokens ?? _promptTokens, totals.CompletionTokens ?? _completionTokens, totals.CostUsd ?? _cost);
        Total = totals;
        return step;
    }

    private static long? Difference(long? total, long? previous) => total is { } value ? value - (previous ?? 0) : null;
}
