using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.SweAgent;

/// <summary>
/// Text-rendered actions (a command line the scaffold parsed out of the response, not a function call) become one
/// <c>bash</c> call with <c>{"command": action}</c> and the action verbatim as the raw arguments; the command's first
/// word (an SWE-agent tool such as <c>open</c> or <c>edit</c>, or a shell command) stays inside the command.
/// </summary>
internal static class TextActions
{
    public static ToolCall Bash(string command) => new("bash", new JsonObject { ["command"] = command }) { ArgumentsRaw = command };

    /// <summary>
    /// SWE-agent's thought/action split of a response: the action is the last complete top-level fenced block
    /// (a fence line opens, a bare fence line closes), the thought is the text around it; null when there is no block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (string Thought, string Action)? SplitThoughtAction(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var depth = 0;
        (int OpenStart, int OpenEnd) open = default;
        (int OpenStart, int OpenEnd, int CloseStart, int CloseEnd)? last = null;
        var line = 0;
        while (line < text.Length)
        {
            var next = line;
            if (text.AsSpan(line).StartsWith("```", StringComparison.Ordinal) && Fence(text, line) is { } fence)
            {
                if (depth > 0 && fence.Bare)
                {
                    depth--;
                    if (depth == 0)
                    {
                        last = (open.OpenStart, open.OpenEnd, line, fence.End);
                    }
                }
                else if (fence.Opens)
                {
                    if (depth++ == 0)
                    {
                        open = (line, fence.End);
                    }
                }

                next = fence.End;
            }

            if (next == line)
            {
                var newline = text.IndexOf('\n', line);
                next = newline < 0 ? text.Length : newline + 1;
            }

            line = next;
        }

        if (last is not { } block)
        {
            return null;
        }

        var thought = string.Concat(text.AsSpan(0, block.OpenStart), text.AsSpan(block.CloseEnd));
        return (thought, text[block.OpenEnd..block.CloseStart].Trim());
    }

    // A fence line: "```word" then whitespace up to a newline (opens; or closes when the word is empty), or "```" and
    // only whitespace to the end of the line or text (closes only). End is where the match ends.
    private static (bool Opens, bool Bare, int End)? Fence(string text, int start)
    {
        var i = start + 3;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var wordEnd = i;
        var lastNewline = -1;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            if (text[i] == '\n')
            {
                lastNewline = i;
            }

            i++;
        }

        if (lastNewline >= 0)
        {
            return (true, wordEnd == start + 3, lastNewline + 1);
        }

        return wordEnd == start + 3 && i == text.Length ? (false, true, i) : null;
    }
}
