using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Reference;

/// <summary>One turn of a reference record while it is read: every event with its step number lands here.</summary>
internal sealed class ReferenceStep(int index)
{
    public string? Timestamp { get; set; }

    public double Duration { get; set; }

    public string? Thought { get; set; }

    public string? Content { get; set; }

    public List<ToolCall> ToolCalls { get; } = [];

    public List<Observation> Observations { get; } = [];

    public List<Message> Feedback { get; } = [];

    public IReadOnlyList<Message>? ModelInput { get; set; }

    public Usage? Usage { get; set; }

    public List<string> Errors { get; } = [];

    public AgentStep ToAgentStep() => new()
    {
        Index = index,
        Thought = Thought,
        Content = Content,
        ToolCalls = ToolCalls,
        Observations = Observations,
        Feedback = Feedback,
        ModelInput = ModelInput,
        Timestamp = Timestamp,
        DurationSeconds = Math.Round(Duration, 3),
        Usage = Usage,
        Error = Errors.Count == 0 ? null : string.Join("; ", Errors),
    };
}
