using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>What a step's tool calls do, read from their names and arguments (shell commands or editor tools).</summary>
internal static partial class StepActions
{
    /// <summary>The text of a call: a shell command, or the tool name with its arguments.</summary>
    public static string CommandOf(ToolCall call) =>
        IsShell(call.Name) && call.Arguments["command"] is JsonValue command && command.TryGetValue<string>(out var text)
            ? text
            : $"{call.Name} {TokenCounter.ToolCallText(call)}";

    /// <summary>A call for evidence: a shell command, or the tool with its sub-command and path.</summary>
    public static string Describe(ToolCall call)
    {
        if (IsShell(call.Name) || call.Arguments["path"] is not JsonValue path || !path.TryGetValue<string>(out var file))
        {
            return CommandOf(call);
        }

        return call.Arguments["command"] is JsonValue c && c.TryGetValue<string>(out var sub) ? $"{call.Name} {sub} {file}" : $"{call.Name} {file}";
    }

    /// <summary>A canonical form of the step's action (its calls, or its text when it made none), to spot a repeat.</summary>
    public static string ActionOf(AgentStep step) => step.ToolCalls.Count > 0
        ? string.Join(" ; ", step.ToolCalls.Select(c => Canonical(CommandOf(c))))
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

    /// <summary>Whether the call changes files.</summary>
    public static bool IsEdit(ToolCall call)
    {
        if (IsShell(call.Name))
        {
            return ShellEdit().IsMatch(CommandOf(call));
        }

        var sub = call.Arguments["command"] is JsonValue c && c.TryGetValue<string>(out var s) ? s : "";
        return sub.Length > 0 ? EditVerb().IsMatch(sub) : EditVerb().IsMatch(call.Name);
    }

    /// <summary>Whether the call runs tests or a reproduction script.</summary>
    public static bool RunsTests(ToolCall call) => RunTests().IsMatch(CommandOf(call));

    /// <summary>Why an edit call failed (the tool's error, a non-zero exit, an editor refusal), or null when it did not.</summary>
    public static string? EditFailure(AgentStep step, ToolCall call)
    {
        var observation = ObservationFor(step, call);
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

    /// <summary>The observation answering <paramref name="call"/> (by id, or the step's only one).</summary>
    public static Observation? ObservationFor(AgentStep step, ToolCall call) =>
        step.Observations.FirstOrDefault(o => o.CallId is not null && o.CallId == call.Id)
        ?? (step.ToolCalls.Count == 1 && step.Observations.Count > 0 ? step.Observations[0] : null);

    /// <summary>The repository-relative paths a unified diff changes (old and new sides; <c>/dev/null</c> left out).</summary>
    public static IReadOnlySet<string> PatchedFiles(string? patch)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in DiffPath().Matches(patch ?? ""))
        {
            files.Add(match.Groups["path"].Value);
        }

        return files;
    }

    /// <summary>The text shortened to <paramref name="max"/> characters on one line, for evidence.</summary>
    public static string Short(string text, int max = 80)
    {
        var line = Canonical(text);
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 3), "...");
    }

    private static string Canonical(string text) => Whitespace().Replace(text.Trim(), " ");

    private static bool IsShell(string name) => name is "bash" or "shell" or "execute_bash" or "run" or "cmd" or "terminal";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"edit|write|create|replace|insert|apply|patch", RegexOptions.IgnoreCase)]
    private static partial Regex EditVerb();

    [GeneratedRegex(@"^\s*(edit|create|str_replace|insert|append)\b|\bstr_replace_editor\s+(str_replace|create|insert)\b|\bsed\s+(-[a-zA-Z]*i|--in-place)|(?<![0-9&>])>{1,2}\s*(?!&|/dev/null)[\w./-]+|\btee\b|\bpatch\s+-|\bgit\s+apply\b|\bperl\s+-[a-z]*i|\.write(_text)?\(")]
    private static partial Regex ShellEdit();

    [GeneratedRegex(@"\b(pytest|py\.test|tox|nosetests|unittest|manage\.py\s+test|runtests\.py|go\s+test|cargo\s+test|npm\s+test|make\s+test)\b|\bpython[0-9.]*\s+(-\w+\s+)*\S*(test|repro)\S*\.py\b")]
    private static partial Regex RunTests();

    [GeneratedRegex(@"No replacement was performed|did not appear verbatim|Multiple occurrences of old_str|introduced new syntax error|Your proposed edit has introduced|is not a valid (file|path|command)|does not exist\b", RegexOptions.IgnoreCase)]
    private static partial Regex EditRefused();

    [GeneratedRegex(@"^(\+\+\+|---) [ab]/(?<path>[^\s]+)", RegexOptions.Multiline)]
    private static partial Regex DiffPath();
}
