using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Verification.Gate;

/// <summary>What a turn's tool calls do, read from their names and arguments: the facts the rules verifier scores on.</summary>
internal static partial class TurnActions
{
    /// <summary>The text of a call: a shell command, or the tool name with its arguments.</summary>
    public static string CommandOf(ToolCall call) =>
        call.Arguments["command"] is JsonValue command && command.TryGetValue<string>(out var text) && IsShell(call.Name)
            ? text
            : $"{call.Name} {call.ArgumentsRaw ?? call.Arguments.ToJsonString()}";

    /// <summary>A canonical form of the call, to spot a repeated action.</summary>
    public static string Signature(ToolCall call) => Whitespace().Replace(CommandOf(call).Trim(), " ");

    /// <summary>
    /// Whether the call changes files: a shell command that writes (sed -i, a redirect, tee, patch, git apply, SWE-agent's
    /// <c>edit</c> / <c>create</c> / <c>insert</c>), or an editor tool whose sub-command writes (an editor's <c>view</c>
    /// does not); a tool without a sub-command counts by its name.
    /// </summary>
    public static bool IsEdit(ToolCall call)
    {
        if (IsShell(call.Name))
        {
            return ShellEdit().IsMatch(CommandOf(call));
        }

        var sub = call.Arguments["command"] is JsonValue c && c.TryGetValue<string>(out var s) ? s : "";
        return sub.Length > 0 ? EditTool().IsMatch(sub) : EditTool().IsMatch(call.Name);
    }

    /// <summary>Why the call is destructive (deletes, resets, writes outside the repository), or null.</summary>
    public static string? Destructive(ToolCall call)
    {
        var command = CommandOf(call);
        var match = DestructiveCommand().Match(command);
        if (match.Success)
        {
            return $"runs '{match.Value.Trim()}'";
        }

        var outside = OutsideWrite().Match(command);
        return outside.Success ? $"writes outside the repository ({outside.Groups["path"].Value})" : null;
    }

    /// <summary>Why the call is a risky edit (a test file edited, a whole file rewritten), or null.</summary>
    public static string? Risky(ToolCall call)
    {
        if (!IsEdit(call))
        {
            return null;
        }

        var command = CommandOf(call);
        if (Paths(call).FirstOrDefault(IsTestFile) is { } test)
        {
            return $"edits the test file {test}";
        }

        return WholeFileRewrite().IsMatch(command) ? "rewrites a whole file" : null;
    }

    /// <summary>Whether the call runs the tests.</summary>
    public static bool RunsTests(ToolCall call) => RunTests().IsMatch(CommandOf(call));

    /// <summary>Whether the call only searches or lists (grep, find, ls): orientation, relevant by nature.</summary>
    public static bool Searches(ToolCall call) => Search().IsMatch(CommandOf(call));

    /// <summary>The repository-relative paths the call names (editor <c>path</c> arguments and path-like words of a command).</summary>
    public static IEnumerable<string> Paths(ToolCall call)
    {
        if (call.Arguments["path"] is JsonValue path && path.TryGetValue<string>(out var p))
        {
            yield return Relative(p);
        }

        foreach (Match match in PathWord().Matches(CommandOf(call)))
        {
            yield return Relative(match.Value);
        }
    }

    /// <summary>Whether the command failed in a way a better call would have avoided (not found, not executable, a tool error).</summary>
    public static string? Failed(AgentStep step, ToolCall call)
    {
        if (call.ParseError is { } parse)
        {
            return $"arguments unreadable: {parse}";
        }

        var observation = ObservationFor(step, call);
        return observation switch
        {
            { ExitCode: 126 or 127 } => $"exit code {observation.ExitCode} (command not found or not executable)",
            { IsError: true } => "the tool reported an error",
            _ => null,
        };
    }

    /// <summary>The observation answering <paramref name="call"/> (by id, or the step's only one when the source did not pair them).</summary>
    public static Observation? ObservationFor(AgentStep step, ToolCall call) =>
        step.Observations.FirstOrDefault(o => o.CallId is not null && o.CallId == call.Id)
        ?? (step.ToolCalls.Count == 1 && step.Observations.Count > 0 ? step.Observations[0] : null);

    /// <summary>The repository-relative paths a unified diff changes (old and new sides; <c>/dev/null</c> left out).</summary>
    public static IReadOnlySet<string> PatchedFiles(string? patch)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in DiffTarget().Matches(patch ?? ""))
        {
            files.Add(match.Groups["path"].Value);
        }

        return files;
    }

    public static bool IsTestFile(string path) => TestFile().IsMatch(path);

    /// <summary>Whether a tool of this name runs its <c>command</c> argument in a shell.</summary>
    public static bool IsShell(string name) => name is "bash" or "shell" or "execute_bash" or "run" or "cmd" or "terminal";

    private static string Relative(string path) => path.StartsWith("/testbed/", StringComparison.Ordinal) ? path["/testbed/".Length..] : path.TrimStart('.', '/');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"edit|write|create|replace|insert|apply|patch", RegexOptions.IgnoreCase)]
    private static partial Regex EditTool();

    [GeneratedRegex(@"^\s*(edit|create|str_replace|insert|append)\b|\bstr_replace_editor\s+(str_replace|create|insert)\b|\bsed\s+(-[a-zA-Z]*i|--in-place)|(?<![0-9&>])>{1,2}\s*(?!&|/dev/null)[\w./-]+|\btee\b|\bpatch\s+-|\bgit\s+apply\b|\bmv\s|\bcp\s|\bperl\s+-[a-z]*i|\.write(_text)?\(")]
    private static partial Regex ShellEdit();

    [GeneratedRegex(@"\brm\s+(-[a-zA-Z]*[rf][a-zA-Z]*\s+)+\S+|\bgit\s+(reset\s+--hard|clean\s+-[a-z]*f|checkout\s+--\s|stash\b)|\bchmod\s+-R\b|\bmkfs\b|\bdd\s+if=")]
    private static partial Regex DestructiveCommand();

    [GeneratedRegex(@">{1,2}\s*(?<path>/(?!testbed\b|tmp\b|dev/null)[\w./-]+)")]
    private static partial Regex OutsideWrite();

    [GeneratedRegex(@"cat\s*>\s*\S+\s*<<|\bcreate\b")]
    private static partial Regex WholeFileRewrite();

    [GeneratedRegex(@"\b(pytest|py\.test|tox|nosetests|unittest|manage\.py\s+test|runtests\.py|go\s+test|cargo\s+test|npm\s+test|make\s+test)\b|\bpython[0-9.]*\s+(-\w+\s+)*\S*(test|repro)\S*\.py\b")]
    private static partial Regex RunTests();

    [GeneratedRegex(@"^\s*(grep|rg|find|ls|tree|git\s+(log|grep|status|diff)|search_dir|search_file|find_file)\b")]
    private static partial Regex Search();

    [GeneratedRegex(@"(?<![\w/.-])(/testbed/)?[\w.-]+(/[\w.-]+)*\.(py|pyi|cfg|toml|ini|txt|md|rst|json|ya?ml|js|ts|go|rs|java|c|h|cpp|rb|php)\b")]
    private static partial Regex PathWord();

    [GeneratedRegex(@"^(\+\+\+|---) [ab]/(?<path>[^\s]+)", RegexOptions.Multiline)]
    private static partial Regex DiffTarget();

    [GeneratedRegex(@"(^|/)(tests?|testing)/|(^|/)test_[^/]*\.py$|_test\.(py|go)$|(^|/)conftest\.py$")]
    private static partial Regex TestFile();
}
