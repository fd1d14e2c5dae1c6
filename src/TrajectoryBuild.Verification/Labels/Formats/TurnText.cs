using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>
/// How one reasoning turn reads as plain text for an annotator: the thought, the tool calls, what came back (long
/// outputs folded to their head and tail) and the context before it. Every label format and the annotation server show
/// the same text, so a score means the same whatever tool it was given in.
/// </summary>
public static class TurnText
{
    /// <summary>How many lines of a long output or issue are shown (half from the start, half from the end).</summary>
    public const int DefaultMaxLines = 40;

    /// <summary>How many earlier turns the context lists, most recent last.</summary>
    public const int ContextTurns = 10;

    /// <summary>The thought, else the response text, else empty.</summary>
    public static string Thought(AgentStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return (string.IsNullOrWhiteSpace(step.Thought) ? step.Content : step.Thought)?.Trim() ?? "";
    }

    /// <summary>The tool calls, one block each: <c>$ command</c> for a shell command, else the tool and its arguments.</summary>
    public static string Actions(AgentStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var text = new StringBuilder();
        foreach (var call in step.ToolCalls)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(Action(call));
        }

        if (step.Error is { Length: > 0 } error)
        {
            text.Append(text.Length > 0 ? "\n" : "").Append("[turn error] ").Append(FirstLine(error));
        }

        return text.ToString();
    }

    /// <summary>What came back, each output folded to <paramref name="maxLines"/>, with exit code and error flags.</summary>
    public static string Observations(AgentStep step, int maxLines = DefaultMaxLines)
    {
        ArgumentNullException.ThrowIfNull(step);
        var blocks = step.Observations.Select(o =>
        {
            var flags = (o.ExitCode is { } code ? $"[exit {code.ToString(CultureInfo.InvariantCulture)}]" : "") + (o.IsError ? "[error]" : "");
            var body = Fold(o.Content.TrimEnd(), maxLines);
            return flags.Length == 0 ? body : flags + "\n" + body;
        });
        var feedback = step.Feedback.Select(m => $"[{m.Role}] " + Fold(m.Content.TrimEnd(), maxLines));
        return string.Join("\n\n", blocks.Concat(feedback));
    }

    /// <summary>The issue (the first user message, folded) and a one-line summary of each of the earlier turns.</summary>
    public static string Context(Trajectory trajectory, int turn, int maxLines = DefaultMaxLines)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var text = new StringBuilder();
        if (trajectory.Prompt.FirstOrDefault(m => m.Role == "user") is { } issue)
        {
            text.Append("Issue:\n").Append(Fold(issue.Content.Trim(), maxLines));
        }

        var earlier = trajectory.Steps.Where(s => s.Index < turn).TakeLast(ContextTurns).ToList();
        if (earlier.Count > 0)
        {
            text.Append(text.Length > 0 ? "\n\n" : "").Append("Earlier turns:");
            foreach (var step in earlier)
            {
                var summary = step.ToolCalls.Count > 0 ? FirstLine(Action(step.ToolCalls[0])) : FirstLine(Thought(step));
                text.Append(CultureInfo.InvariantCulture, $"\n{step.Index}: {summary}");
            }
        }

        return text.ToString();
    }

    /// <summary>The whole turn as one text: thought, tool calls and observations under headings (Argilla's field).</summary>
    public static string Render(AgentStep step, int maxLines = DefaultMaxLines)
    {
        ArgumentNullException.ThrowIfNull(step);
        var parts = new List<string>();
        Add(parts, "Thought", Thought(step));
        Add(parts, "Tool calls", Actions(step));
        Add(parts, "Observation", Observations(step, maxLines));
        return string.Join("\n\n", parts);
    }

    /// <summary>
    /// <paramref name="text"/> cut to its first and last <paramref name="maxLines"/>/2 lines around a marker that says
    /// how many were left out; shorter text is returned as it is.
    /// </summary>
    public static string Fold(string text, int maxLines = DefaultMaxLines)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 2);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length <= maxLines)
        {
            return string.Join('\n', lines);
        }

        var head = maxLines / 2;
        var tail = maxLines - head;
        var folded = lines.Length - head - tail;
        return string.Join('\n', [.. lines[..head], $"[... {folded.ToString(CultureInfo.InvariantCulture)} lines folded ...]", .. lines[^tail..]]);
    }

    private static string Action(ToolCall call)
    {
        if (call.Arguments.Count == 1 && call.Arguments["command"] is JsonValue command && command.GetValueKind() == JsonValueKind.String)
        {
            return "$ " + command.GetValue<string>();
        }

        var text = new StringBuilder().Append('[').Append(call.Name).Append(']');
        foreach (var (name, value) in call.Arguments)
        {
            var shown = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null";
            text.Append('\n').Append(name).Append(": ").Append(shown);
        }

        if (call.ParseError is not null && call.ArgumentsRaw is { } raw)
        {
            text.Append("\n(arguments not parsed: ").Append(call.ParseError).Append(")\n").Append(raw);
        }

        return text.ToString();
    }

    private static void Add(List<string> parts, string heading, string body)
    {
        if (body.Length > 0)
        {
            parts.Add($"## {heading}\n{body}");
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Trim().ReplaceLineEndings("\n").Split('\n')[0];
        return line.Length <= 120 ? line : line[..117] + "...";
    }
}
