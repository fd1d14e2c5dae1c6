using TrajectoryBuild.Rewards.Process;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>Each step's text (action and what it saw) with its stage 6 reward, for the process-reward corpora.</summary>
internal static class StepRewards
{
    /// <summary>A step no reward covers: label 0, score 0.5, source <c>none</c>.</summary>
    public static StepReward Missing(int step) => new(step, 0, 0.5, "none", []);

    public static IEnumerable<(string Text, StepReward Reward)> Of(PackageRecord record, ActionRendering rendering) =>
        record.Trajectory.Steps.Select(s => (Text(s, rendering), record.Reward.Steps.FirstOrDefault(r => r.Step == s.Index) ?? Missing(s.Index)));

    /// <summary>The prompt messages' texts, blank-line joined (PRM's string prompt).</summary>
    public static string Prompt(PackageRecord record, ActionRendering rendering) =>
        ActionText.Join(Conversation.Prompt(record.Trajectory, rendering).Select(t => t.Content));

    /// <summary>The hard label PRM trains on: +1 true, -1 false, 0 decided by the soft score (>= 0.5 true).</summary>
    public static bool IsGood(StepReward reward) => reward.Label switch
    {
        > 0 => true,
        < 0 => false,
        _ => reward.Score >= 0.5,
    };

    private static string Text(AgentStep step, ActionRendering rendering) => ActionText.Join(
    [
        ActionText.Step(step, rendering),
        .. step.Observations.Select(o => $"OBSERVATION:\n{o.Content}"),
        .. step.Feedback.Select(f => f.Content),
    ]);
}
