using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// TRL process-reward rows: <c>prompt</c> (the prompt messages' text), <c>completions</c> (per step: prose, rendered
/// action, <c>OBSERVATION:</c> blocks, feedback) and <c>labels</c> (+1 true, -1 false, 0 true when the soft score is at
/// least 0.5), equal lengths.
/// </summary>
public static class PrmRows
{
    /// <summary>The record's row, or null when the trajectory has no step.</summary>
    public static JsonObject? Of(PackageRecord record, ActionRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(record);
        var steps = StepRewards.Of(record, rendering).ToList();
        if (steps.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["prompt"] = StepRewards.Prompt(record, rendering),
            ["completions"] = new JsonArray([.. steps.Select(s => JsonValue.Create(s.Text))]),
            ["labels"] = new JsonArray([.. steps.Select(s => JsonValue.Create(StepRewards.IsGood(s.Reward)))]),
            ["provenance"] = ProvenanceJson.Of(record, rendering),
        };
    }
}
