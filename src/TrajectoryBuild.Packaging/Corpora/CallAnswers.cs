using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// Which observation answers which call of a step: first by recorded call id, then unpaired observations to
/// unanswered calls in order; observations left over are appended to the last call's answer, and a call nothing
/// answered gets an empty answer, so every call is answered exactly once.
/// </summary>
/// <param name="Answers">One answer per call, in call order.</param>
/// <param name="Unmatched">For a step without calls: its observations' text.</param>
internal sealed record CallAnswers(string[] Answers, string Unmatched)
{
    public static CallAnswers Of(AgentStep step)
    {
        var calls = step.ToolCalls;
        var observations = step.Observations;
        if (calls.Count == 0)
        {
            return new([], ActionText.Join(observations.Select(o => o.Content)));
        }

        var used = new bool[observations.Count];
        var answers = new List<string>?[calls.Count];
        for (var j = 0; j < calls.Count; j++)
        {
            var i = IndexOf(observations, used, o => calls[j].Id is not null && o.CallId == calls[j].Id);
            answers[j] = i < 0 ? null : [observations[i].Content];
        }

        for (var j = 0; j < calls.Count; j++)
        {
            var i = answers[j] is null ? IndexOf(observations, used, o => !calls.Any(c => c.Id is not null && c.Id == o.CallId)) : -1;
            answers[j] = i < 0 ? answers[j] : [observations[i].Content];
        }

        var last = answers[^1] ??= [];
        last.AddRange(observations.Where((_, i) => !used[i]).Select(o => o.Content));
        return new([.. answers.Select(a => a is null ? "" : ActionText.Join(a))], "");
    }

    private static int IndexOf(IReadOnlyList<Observation> observations, bool[] used, Func<Observation, bool> match)
    {
        for (var i = 0; i < observations.Count; i++)
        {
            if (!used[i] && match(observations[i]))
            {
                used[i] = true;
                return i;
            }
        }

        return -1;
    }
}
