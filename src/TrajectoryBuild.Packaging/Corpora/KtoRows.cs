using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// TRL conversational unpaired preference rows (<c>KTOTrainer</c>), one per trajectory: <c>prompt</c> (the prompt
/// messages), <c>completion</c> (the trajectory's step messages: assistant turns with <c>tool_calls</c> per the action
/// rendering, <c>tool</c> answers, feedback), <c>label</c> (whether the trajectory resolved its task), <c>tools</c>.
/// Messages are OpenAI messages without <c>weight</c>, as in <see cref="DpoRows"/>. LLaMA-Factory's KTO shape is
/// <see cref="KtoLlamaFactoryRows"/>.
/// </summary>
public static class KtoRows
{
    /// <summary>The record's row, or null when its trajectory has no step message.</summary>
    public static JsonObject? Of(PackageRecord record, ActionRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(record);
        var completion = OpenAiMessages.Of(Conversation.Steps(record.Trajectory, record.Reward.Steps, rendering), weights: false);
        if (completion.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["prompt"] = OpenAiMessages.Of(Conversation.Prompt(record.Trajectory, rendering), weights: false),
            ["completion"] = completion,
            ["label"] = record.Resolved,
            ["tools"] = OpenAiMessages.Tools(record.Trajectory.Tools, rendering),
            ["provenance"] = ProvenanceJson.Of(record, rendering),
        };
    }
}
