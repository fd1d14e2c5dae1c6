using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// OpenAI <c>messages</c> rows (TRL, axolotl <c>chat_template</c>), one per trajectory, with <c>tools</c>. Each message
/// has <c>weight</c>: 1 on the agent's turns, 0 on prompt, tool and feedback messages and on the turns of steps stage 6
/// labelled -1 (kept as context, masked). Every <c>tool_calls</c> id is answered by exactly one <c>tool</c> message.
/// </summary>
public static class OpenAiRows
{
    /// <summary>The record's row, or null when the trajectory has no step.</summary>
    public static JsonObject? Of(PackageRecord record, ActionRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(record);
        var steps = Conversation.Steps(record.Trajectory, record.Reward.Steps, rendering);
        if (steps.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["messages"] = OpenAiMessages.Of(Conversation.Prompt(record.Trajectory, rendering).Concat(steps), weights: true),
            ["tools"] = OpenAiMessages.Tools(record.Trajectory.Tools, rendering),
            ["provenance"] = ProvenanceJson.Of(record, rendering),
        };
    }
}
