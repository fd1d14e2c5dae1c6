using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.SweAgent;

/// <summary>One SWE-agent history item (or one message of a step's <c>query</c>), detached from its JSON.</summary>
internal sealed record HistoryEntry(string Role, string Content, string? MessageType, bool IsDemo)
{
    public string? Thought { get; init; }

    public string? Action { get; init; }

    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    public IReadOnlyList<string> ToolCallIds { get; init; } = [];

    /// <summary>The calls the model made: its function calls, else its text-rendered action as a <c>bash</c> call.</summary>
    public IReadOnlyList<ToolCall> Calls => ToolCalls.Count > 0 ? ToolCalls
        : string.IsNullOrEmpty(Action) ? [] : [TextActions.Bash(Action)];

    public Message ToMessage() => new(Role, Content)
    {
        ToolCalls = Role == "assistant" ? Calls : [],
        ToolCallId = ToolCallIds.Count > 0 ? ToolCallIds[0] : null,
    };
}
