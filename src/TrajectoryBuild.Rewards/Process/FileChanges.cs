using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Gate;

namespace TrajectoryBuild.Rewards.Process;

/// <summary>
/// Reads the file changes out of a trajectory's calls. A path-less edit (SWE-agent's <c>edit 5:7</c>, or its editor
/// tool with only search and replace) changes the file the agent last opened or created.
/// </summary>
internal static partial class FileChanges
{
    /// <summary>The changes of every step, in order.</summary>
    public static IReadOnlyList<FileChange> Of(Trajectory trajectory)
    {
        var changes = new List<FileChange>();
        string? open = null;
        foreach (var step in trajectory.Steps)
        {
            foreach (var call in step.ToolCalls)
            {
                var command = TurnActions.CommandOf(call);
                var named = PathArgument(call);
                if (StepActions.IsShell(call) && Opens().Match(command) is { Success: true } opened)
                {
                    open = Relative(opened.Groups["path"].Value);
                }
                else if (named is not null && (call.Name is "open" or "create" || Text(call, "command") is "view" or "create"))
                {
                    open = named;
                }

                if (Discard(step.Index, call, command) is { } discard)
                {
                    changes.AddRange(discard);
                }
                else if (StepActions.IsEdit(call))
                {
                    changes.AddRange(Edits(step.Index, call, command, named ?? open));
                }
            }
        }

        return changes;
    }

    private static IEnumerable<FileChange> Edits(int step, ToolCall call, string command, string? file)
    {
        var sub = Text(call, "command");
        if (sub == "str_replace" && file is not null)
        {
            return [new(step, file, ChangeKind.Edit, "str_replace") { OldText = Text(call, "old_str"), NewText = Text(call, "new_str") }];
        }

        if (sub == "undo_edit" && file is not null)
        {
            return [new(step, file, ChangeKind.Undo, "undo_edit")];
        }

        if (sub == "create" && file is not null)
        {
            return [new(step, file, ChangeKind.Edit, "create") { Content = Text(call, "file_text") }];
        }

        if (HereDoc().Match(command) is { Success: true } heredoc)
        {
            return [new(step, Relative(heredoc.Groups["path"].Value), ChangeKind.Edit, "cat > heredoc") { Content = heredoc.Groups["body"].Value }];
        }

        if (StepActions.IsShell(call) && TurnActions.Paths(call).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } paths && !StepActions.SweAgentEdit().IsMatch(command))
        {
            return paths.Select(p => new FileChange(step, p, ChangeKind.Edit, StepActions.Shorten(command, 60)));
        }

        return [new(step, file, ChangeKind.Edit, sub ?? StepActions.Shorten(command, 60))];
    }

    private static List<FileChange>? Discard(int step, ToolCall call, string command)
    {
        if (DiscardAll().Match(command) is { Success: true } all)
        {
            return [new(step, null, ChangeKind.Discard, all.Value.Trim())];
        }

        if (DiscardFiles().Match(command) is { Success: true } files)
        {
            return TurnActions.Paths(call).Distinct(StringComparer.Ordinal).Select(p => new FileChange(step, p, ChangeKind.Discard, files.Value.Trim())).ToList();
        }

        return null;
    }

    private static string? PathArgument(ToolCall call) =>
        call.Arguments["path"] is JsonValue p && p.TryGetValue<string>(out _) ? TurnActions.Paths(call).First() : null;

    private static string? Text(ToolCall call, string name) => call.Arguments[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Relative(string path) => TurnActions.Paths(new ToolCall("open", new JsonObject { ["path"] = path })).First();

    [GeneratedRegex(@"^\s*(open|create)\s+""?(?<path>[^\s""]+)")]
    private static partial Regex Opens();

    [GeneratedRegex(@"cat\s*>\s*(?<path>[\w./-]+)\s*<<-?\s*['""]?(?<tag>\w+)['""]?\n(?<body>.*?)\n\k<tag>\b", RegexOptions.Singleline)]
    private static partial Regex HereDoc();

    [GeneratedRegex(@"\bgit\s+(stash(?!\s+(pop|apply|list|show|drop|branch))\b|reset\s+--hard\b|checkout\s+(HEAD\s+)?(--\s+)?\.(\s|$)|restore\s+\.(\s|$))")]
    private static partial Regex DiscardAll();

    [GeneratedRegex(@"\bgit\s+(checkout\s+(HEAD\s+)?--\s+\S+|checkout\s+\S+\.\w+|restore\s+(--\S+\s+)*\S+)")]
    private static partial Regex DiscardFiles();
}
