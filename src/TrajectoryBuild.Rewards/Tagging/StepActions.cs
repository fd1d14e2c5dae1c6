using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Gate;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>What the tagging detectors read from a step, on top of stage 5's <see cref="TurnActions"/>: action and observation identities, errors, failed edits.</summary>
internal static partial class StepActions
{
    /// <summary>A call for evidence: a shell command, or the tool with its sub-command and path.</summary>
    public static string Describe(ToolCall call)
    {
        if (TurnActions.IsShell(call.Name) || call.Arguments["path"] is not JsonValue path || !path.TryGetValue<string>(out var file))
        {
            return TurnActions.CommandOf(call);
        }

        return call.Arguments["command"] is JsonValue c && c.TryGetValue<string>(out var sub) ? $"{call.Name} {sub} {file}" : $"{call.Name} {file}";
    }

    /// <summary>A canonical form of the step's action (its calls, or its text when it made none), to spot a repeat.</summary>
    public static string ActionOf(AgentStep step) => step.ToolCalls.Count > 0
        ? string.Join(" ; ", step.ToolCalls.Select(c => Canonical(TurnActions.CommandOf(c))))
        : Canonical(step.Content ?? step.Thought ?? "");

    /// <summary>A canonical form of what came back: observations, scaffold feedback and the step's error.</summary>
    public static string ObservationOf(AgentStep step) => Canonical(string.Join(
        " ; ", step.Observations.Select(o => o.Content).Concat(step.Feedback.Select(f => f.Content)).Append(step.Error ?? "")));

    /// <summary>The error the step ended with (a failed call's output, scaffold feedback such as a format error, a turn error), or null.</summary>
    public static string? ErrorOf(AgentStep step)
    {
        if (step.Error is { Length: > 0 } error)
        {
            return Canonical(error);
        }

        if (step.ToolCalls.Any(c => c.ParseError is not null))
        {
            return Canonical(step.ToolCalls.First(c => c.ParseError is not null).ParseError!);
        }

        var failed = step.Observations.FirstOrDefault(o => o.IsError || o.ExitCode is not (null or 0));
        if (failed is not null)
        {
            return Canonical(failed.Content);
        }

        return step.ToolCalls.Count == 0 && step.Feedback.Count > 0 ? Canonical(step.Feedback[0].Content) : null;
    }

    /// <summary>Why an edit call failed (the tool's error, a non-zero exit, an editor refusal), or null when it did not.</summary>
    public static string? EditFailure(AgentStep step, ToolCall call)
    {
        var observation = TurnActions.ObservationFor(step, call);
        return observation switch
        {
            _ when call.ParseError is { } parse => $"arguments unreadable ({parse})",
            null => null,
            { IsError: true } => "the tool reported an error",
            { ExitCode: not (null or 0) } => $"exit code {observation.ExitCode}",
            _ when EditRefused().Match(observation.Content) is { Success: true } match => $"'{match.Value}'",
            _ => null,
        };
    }

    /// <summary>The text shortened to <paramref name="max"/> characters on one line, for evidence.</summary>
    public static string Short(string text, int max = 80)
    {
        var line = Canonical(text);
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 3), "...");
    }

    private static string Canonical(string text) => Whitespace().Replace(text.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"No replacement was performed|did not appear verbatim|Multiple occurrences of old_str|introduced new syntax error|Your proposed edit has introduced|is not a valid (file|path|command)|does not exist\b", RegexOptions.IgnoreCase)]
    private static partial Regex EditRefused();
}
