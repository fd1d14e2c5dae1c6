using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Chat;

/// One agent step while its messages or events are being read; <see cref="Build"/> freezes it.
internal sealed class StepBuilder
{
    public string? Thought { get; set; }

    public string? Content { get; set; }

    public string? Timestamp { get; set; }

    public Usage? Usage { get; set; }

    public string? Error { get; set; }

    /// The model response this step came from (groups parallel calls of one response).
    public string? ResponseId { get; set; }

    /// Whether the calls were parsed from text (<c>&lt;function=...&gt;</c>), so tool results come back as user messages.
    public bool TextRendered { get; set; }

    public List<ToolCall> ToolCalls { get; } = [];

    public List<Observation> Observations { get; } = [];

    public List<Message> Feedback { get; } = [];

    public bool HasCall(string id) => ToolCalls.Exists(c => c.Id == id);

    public AgentStep Build(int index) => new()
    {
        Index = index,
        Thought = Thought,
        Content = Content,
        ToolCalls = ToolCalls,
        Observations = Observations,
        Feedback = Feedback,
        Timestamp = Timestamp,
        Usage = Usage,
        Error = Error,
    };
}
