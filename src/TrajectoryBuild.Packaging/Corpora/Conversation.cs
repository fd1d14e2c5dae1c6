using TrajectoryBuild.Rewards.Process;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// A trajectory as turns: the prompt (system, task, demonstrations flattened to text, never trained on), then per
/// step the agent's turn (trained unless stage 6 labelled the step -1), the answers to its calls, and any feedback.
/// </summary>
internal static class Conversation
{
    public static IReadOnlyList<Turn> Prompt(Trajectory trajectory, ActionRendering rendering) =>
    [
        .. trajectory.Prompt.Select(m => m.Role switch
        {
            Turn.System => new Turn(Turn.System, m.Content),
            Turn.Assistant => new Turn(Turn.Assistant, ActionText.Join([m.Content, .. m.ToolCalls.Select(c => ActionText.Call(c, rendering))])),
            _ => new Turn(Turn.User, m.Content),
        }),
    ];

    public static IReadOnlyList<Turn> Steps(Trajectory trajectory, IReadOnlyList<StepReward> rewards, ActionRendering rendering)
    {
        var turns = new List<Turn>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in trajectory.Steps)
        {
            var train = rewards.FirstOrDefault(r => r.Step == step.Index)?.Label != -1;
            if (rendering == ActionRendering.Native)
            {
                Native(step, train, ids, turns);
            }
            else
            {
                turns.Add(new Turn(Turn.Assistant, ActionText.Step(step, rendering)) { Train = train });
                if (step.Observations.Count > 0)
                {
                    turns.Add(new Turn(Turn.User, ActionText.Join(step.Observations.Select(o => o.Content))));
                }
            }

            turns.AddRange(step.Feedback.Select(f => new Turn(Turn.User, f.Content)));
        }

        return turns;
    }

    private static void Native(AgentStep step, bool train, HashSet<string> ids, List<Turn> turns)
    {
        var calls = step.ToolCalls.Select((c, j) => (Id: UniqueId(c.Id, step.Index, j, ids), Call: c)).ToList();
        turns.Add(new Turn(Turn.Assistant, ActionText.Prose(step)) { Calls = calls, Train = train });
        var answers = CallAnswers.Of(step);
        if (calls.Count == 0)
        {
            if (answers.Unmatched.Length > 0)
            {
                turns.Add(new Turn(Turn.User, answers.Unmatched));
            }

            return;
        }

        turns.AddRange(calls.Select((c, j) => new Turn(Turn.Tool, answers.Answers[j]) { CallId = c.Id }));
    }

    private static string UniqueId(string? recorded, int step, int call, HashSet<string> ids)
    {
        var id = string.IsNullOrEmpty(recorded) || ids.Contains(recorded) ? $"call_{step}_{call}" : recorded;
        for (var n = 1; !ids.Add(id); n++)
        {
            id = $"call_{step}_{call}_{n}";
        }

        return id;
    }
}
