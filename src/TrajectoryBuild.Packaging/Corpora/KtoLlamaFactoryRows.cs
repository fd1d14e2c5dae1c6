using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// LLaMA-Factory KTO rows: <c>messages</c> (<c>content</c>, <c>role</c>: <c>system</c> first, then the ShareGPT
/// alignment with <c>user</c> / <c>observation</c> and <c>assistant</c> / <c>function_call</c>) and <c>label</c> (whether
/// the trajectory resolved its task). LLaMA-Factory trains the last model turn against the rest as prompt. The manifest
/// name is <c>kto_llamafactory</c>; <c>kto</c> is TRL's shape (<see cref="KtoRows"/>).
/// </summary>
public static class KtoLlamaFactoryRows
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

        IEnumerable<(string Role, string Content)> messages = turns.Select(t => (Role(t.Tag), t.Value));
        if (system.Length > 0)
        {
            messages = messages.Prepend((Turn.System, system));
        }

        return new JsonObject
        {
            ["messages"] = new JsonArray([.. messages.Select(m => new JsonObject { ["content"] = m.Content, ["role"] = m.Role })]),
            ["label"] = record.Resolved,
            ["provenance"] = ProvenanceJson.Of(record, rendering),
        };
    }

    private static string Role(string tag) => tag switch
    {
        ShareGptTurns.Human => Turn.User,
        ShareGptTurns.Gpt => Turn.Assistant,
        _ => tag,
    };
}
