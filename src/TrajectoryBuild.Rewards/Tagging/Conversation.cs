using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>The messages a step adds to the conversation, for scaffolds that did not record the exact model input.</summary>
internal static class Conversation
{
    /// <summary>The step's response (with its tool calls), then each observation as a tool message, then the scaffold's feedback.</summary>
    public static IEnumerable<Message> MessagesOf(AgentStep step)
    {
        yield return new Message("assistant", step.Content ?? step.Thought ?? "") { ToolCalls = step.ToolCalls };
        foreach (var observation in step.Observations)
        {
            yield return new Message("tool", observation.Content) { ToolCallId = observation.CallId };
        }

        foreach (var feedback in step.Feedback)
        {
            yield return feedback;
        }
    }

    /// <summary>
    /// The tokens of the model input before each step (index i: the request that produced step i) and, last, of the
    /// request after the final step; the recorded input where the scaffold kept it, else the last recorded input (or the
    /// prompt) and the steps after it. <c>RecordedAt</c> is the position of the step whose recorded input it counts or
    /// extends, or -1.
    /// </summary>
    public static IReadOnlyList<(int Tokens, int RecordedAt, bool Exact)> InputTokens(Trajectory trajectory, TokenCounter counter)
    {
        var cache = new Dictionary<string, int>(StringComparer.Ordinal);
        int Count(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return 0;
            }

            if (!cache.TryGetValue(text, out var tokens))
            {
                tokens = counter.Count(text);
                cache[text] = tokens;
            }

            return tokens;
        }

        int CountAll(IEnumerable<Message> messages) => messages.Sum(m => TokenCounter.CountMessage(m, Count));

        var result = new List<(int, int, bool)>(trajectory.Steps.Count + 1);
        var running = TokenCounter.ReplyPriming + CountAll(trajectory.Prompt);
        var recordedAt = -1;
        for (var i = 0; i < trajectory.Steps.Count; i++)
        {
            var step = trajectory.Steps[i];
            if (step.ModelInput is { } input)
            {
                running = TokenCounter.ReplyPriming + CountAll(input);
                recordedAt = i;
            }

            result.Add((running, recordedAt, recordedAt == i));
            running += CountAll(MessagesOf(step));
        }

        result.Add((running, recordedAt, false));
        return result;
    }
}
