using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.SweAgent;

/// <summary>
/// Prompt and steps from the history: everything before the first (non-demonstration) assistant message is the
/// prompt; each assistant message starts a step; tool messages and user observations are its observations; other user
/// messages (format errors, follow-ups) and system messages are feedback. The trajectory list adds model input and timing.
/// </summary>
internal static partial class SweAgentHistory
{
    private static readonly string[] s_formatErrors =
    [
        "Your output was not formatted correctly",
        "Your last output did not use any tool calls",
        "Your last output included multiple tool calls",
        "Your bash command contained syntax errors",
        "Your action could not be parsed",
    ];

    public static (List<Message> Prompt, List<AgentStep> Steps) Build(List<HistoryEntry> history, List<TrajectoryEntry> trajectory)
    {
        var first = history.FindIndex(e => e.Role == "assistant" && !e.IsDemo);
        var prompt = history.Take(first < 0 ? history.Count : first).Select(e => e.ToMessage()).ToList();
        var steps = new List<AgentStep>();
        if (first < 0)
        {
            // No assistant turn in the history (or no history): the steps come from the trajectory list alone.
            steps.AddRange(trajectory.Select((t, i) => FromTrajectory(t, i)));
            return (prompt, steps);
        }

        var current = -1;
        var observations = new List<Observation>();
        var feedback = new List<Message>();
        HistoryEntry? turn = null;
        for (var i = first; i <= history.Count; i++)
        {
            var entry = i < history.Count ? history[i] : null;
            if (entry is null || entry.Role == "assistant")
            {
                if (turn is not null)
                {
                    steps.Add(NewStep(turn, ++current, observations, feedback));
                    observations = [];
                    feedback = [];
                }

                turn = entry;
                continue;
            }

            if (entry.Role == "tool" || (entry.Role == "user" && entry.MessageType is null or "observation" && !IsFormatError(entry.Content)))
            {
                observations.Add(new Observation(entry.Content)
                {
                    CallId = entry.ToolCallIds.Count > 0 ? entry.ToolCallIds[0] : SingleCallId(turn!),
                    IsError = IsTimeout(entry.Content),
                });
            }
            else
            {
                feedback.Add(entry.ToMessage());
            }
        }

        return (prompt, Join(steps, trajectory));
    }

    private static AgentStep NewStep(HistoryEntry turn, int index, List<Observation> observations, List<Message> feedback) => new()
    {
        Index = index,
        Thought = turn.Thought,
        Content = turn.Content,
        ToolCalls = turn.Calls,
        Observations = observations,
        Feedback = feedback,
    };

    private static AgentStep FromTrajectory(TrajectoryEntry entry, int index) => new()
    {
        Index = index,
        Thought = entry.Thought,
        Content = entry.Response,
        ToolCalls = string.IsNullOrEmpty(entry.Action) ? [] : [TextActions.Bash(entry.Action)],
        Observations = entry.Observation is null ? [] : [new Observation(entry.Observation) { IsError = IsTimeout(entry.Observation) }],
        ModelInput = entry.Query,
        DurationSeconds = entry.ExecutionTime,
    };

    /// <summary>Adds each trajectory entry to its step: by position when the counts agree, else by the same response text.</summary>
    private static List<AgentStep> Join(List<AgentStep> steps, List<TrajectoryEntry> trajectory)
    {
        if (trajectory.Count == 0)
        {
            return steps;
        }

        var next = 0;
        for (var i = 0; i < steps.Count && next < trajectory.Count; i++)
        {
            var match = trajectory.Count == steps.Count ? i : trajectory.FindIndex(next, t => t.Response == steps[i].Content);
            if (match < 0)
            {
                continue;
            }

            var entry = trajectory[match];
            next = match + 1;
            steps[i] = steps[i] with
            {
                Thought = steps[i].Thought ?? entry.Thought,
                Observations = steps[i].Observations.Count == 0 && entry.Observation is not null
                    ? [new Observation(entry.Observation) { CallId = SingleCallId(steps[i].ToolCalls), IsError = IsTimeout(entry.Observation) }]
                    : steps[i].Observations,
                ModelInput = entry.Query,
                DurationSeconds = entry.ExecutionTime,
            };
        }

        return steps;
    }

    private static string? SingleCallId(HistoryEntry turn) => SingleCallId(turn.ToolCalls);

    private static string? SingleCallId(IReadOnlyList<ToolCall> calls) => calls.Count == 1 ? calls[0].Id : null;

    private static bool IsFormatError(string content) => s_formatErrors.Any(p => content.StartsWith(p, StringComparison.Ordinal));

    // SWE-agent's timeout template ("The command '...' was cancelled because it took more than N seconds").
    private static bool IsTimeout(string content) => content.Contains("was cancelled because it took more than", StringComparison.Ordinal);
}
