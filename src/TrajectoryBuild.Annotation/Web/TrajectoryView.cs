using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>
/// What the pages show of a trajectory: the conversation as plain strings. The scripts put every string into the page
/// with <c>textContent</c>, never as markup, and the JSON encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>.
/// </summary>
internal sealed record TrajectoryView(string? InstanceId, string Scaffold, string? Model, IReadOnlyList<MessageView> Prompt, IReadOnlyList<TurnView> Turns, string? Patch, string? ExitStatus, string? Error)
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public static TrajectoryView From(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return new(
            trajectory.InstanceId,
            trajectory.Provenance.Scaffold,
            trajectory.Provenance.Model,
            [.. trajectory.Prompt.Select(m => new MessageView(m.Role, m.Content))],
            [.. trajectory.Steps.Select((step, i) => new TurnView(
                i,
                step.Thought,
                step.Content is { } content && content != step.Thought ? content : null,
                [.. step.ToolCalls.Select(c => new ToolCallView(c.Name, Arguments(c)))],
                [.. step.Observations.Select(o => new ObservationView(o.Content, o.ExitCode, o.IsError))],
                [.. step.Feedback.Select(m => new MessageView(m.Role, m.Content))],
                step.Error))],
            trajectory.Patch,
            trajectory.ExitStatus,
            trajectory.Error);
    }

    // A shell command reads best as itself; other tools' arguments as indented JSON.
    private static string Arguments(ToolCall call) =>
        call.Arguments.Count == 1 && call.Arguments.First().Value is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : call.Arguments.Count > 0 ? call.Arguments.ToJsonString(s_indented) : call.ArgumentsRaw ?? "";
}

internal sealed record MessageView(string Role, string Content);

internal sealed record TurnView(int Index, string? Thought, string? Content, IReadOnlyList<ToolCallView> ToolCalls, IReadOnlyList<ObservationView> Observations, IReadOnlyList<MessageView> Feedback, string? Error);

internal sealed record ToolCallView(string Name, string Arguments);

internal sealed record ObservationView(string Content, int? ExitCode, bool IsError);

/// <summary>An axis as the scoring panel shows it, with its shortcut key.</summary>
internal sealed record AxisView(string Name, string Title, string Question, string Key, IReadOnlyList<AxisLevel> Levels)
{
    /// <summary>The axes with their keys: r, f, t, d, u (each axis's initial, d for duplicate).</summary>
    public static IReadOnlyList<AxisView> All { get; } =
        [.. Axes.All.Select(a => new AxisView(a.Name, a.Title, a.Question, a.Name switch
        {
            Axes.Relevance => "r",
            Axes.FactualGrounding => "f",
            Axes.ToolSelection => "t",
            Axes.Redundancy => "d",
            _ => "u",
        }, a.Levels))];
}

/// <summary>One person's scores of one turn, as the pages read them: axis name to score.</summary>
internal sealed record TurnScoresView(int Turn, IReadOnlyDictionary<string, int?> Scores, string? Comment, string? By = null)
{
    public static TurnScoresView From(Store.LabelRow row) =>
        new(row.Turn, Axes.All.Select((a, i) => (a.Name, row.Scores[i])).ToDictionary(p => p.Name, p => p.Item2, StringComparer.Ordinal), row.Comment, row.UserName);
}
