using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// LLaMA-Factory ShareGPT rows (<c>conversations</c> of <c>from</c> / <c>value</c>, <c>system</c>, <c>tools</c> as a JSON
/// string), one per trajectory. LLaMA-Factory has no per-turn mask, so every model turn is trained: use the
/// <see cref="CorpusFormat.OpenAi"/> corpus to keep failed steps as masked context.
/// </summary>
public static class ShareGptRows
{
    /// <summary>The record's row, or null when its conversation has no model turn.</summary>
    public static JsonObject? Of(PackageRecord record, ActionRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (system, turns) = ShareGptTurns.Of(record, rendering);
        if (turns.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["conversations"] = new JsonArray([.. turns.Select(t => new JsonObject { ["from"] = t.Tag, ["value"] = t.Value })]),
            ["system"] = system,
            ["tools"] = rendering == ActionRendering.Native ? Tools(record.Trajectory.Tools) : "",
            ["provenance"] = ProvenanceJson.Of(record, rendering),
        };
    }

    // LLaMA-Factory's tools are bare function definitions ({name, description, parameters}), as its sample shows.
    private static string Tools(JsonArray? tools) => tools is null || tools.Count == 0
        ? ""
        : CorpusJson.Compact(new JsonArray([.. tools.Select(t => (t?["function"] ?? t)?.DeepClone())]));
}
