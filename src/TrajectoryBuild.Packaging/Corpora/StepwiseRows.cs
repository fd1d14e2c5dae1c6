using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// The raw process-reward file: one row per trajectory with every step's <c>{step, text, label, score, source}</c>,
/// the outcome reward, the failure class and the rules version.
/// </summary>
public static class StepwiseRows
{
    /// <summary>The record's row (a trajectory without steps has an empty <c>steps</c>).</summary>
    public static JsonObject Of(PackageRecord record, ActionRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = record.Reward.Outcome;
        return new JsonObject
        {
            ["trajectory_id"] = record.TrajectoryId,
            ["task_id"] = record.Provenance.TaskId,
            ["prompt"] = StepRewards.Prompt(record, rendering),
            ["steps"] = new JsonArray([.. StepRewards.Of(record, rendering).Select(s => new JsonObject
            {
                ["step"] = s.Reward.Step,
                ["text"] = s.Text,
                ["label"] = s.Reward.Label,
                ["score"] = s.Reward.Score,
                ["source"] = s.Reward.Source,
            })]),
            ["outcome"] = new JsonObject
            {
                ["reward"] = outcome.Reward,
                ["resolved"] = record.Resolved,
                ["fail_to_pass"] = outcome.FailToPass,
                ["pass_to_pass"] = outcome.PassToPass,
                ["evidence"] = outcome.Evidence,
            },
            ["failure_class"] = record.FailureClass,
            ["rules_version"] = record.Reward.RulesVersion,
            ["provenance"] = ProvenanceJson.Of(record, rendering),
        };
    }
}
