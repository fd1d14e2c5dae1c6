using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>One message of a trajectory laid out as a conversation, before any consumer's shape.</summary>
/// <param name="Role"><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Content">The text (for a native assistant turn: the prose only).</param>
internal sealed record Turn(string Role, string Content)
{
    /// <summary>A native assistant turn's calls, each with the id its answer carries.</summary>
    public IReadOnlyList<(string Id, ToolCall Call)> Calls { get; init; } = [];

    /// <summary>A tool turn's call id.</summary>
    public string? CallId { get; init; }

    /// <summary>Whether the turn is trained on: agent turns whose step is not labelled -1.</summary>
    public bool Train { get; init; }

    public const string System = "system";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Tool = "tool";
}
