using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Aider;

/// <summary>
/// Aider's SEARCH/REPLACE edits in an assistant response: a file path line (optionally followed by a <c>```lang</c>
/// fence), <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH</c>, the search lines, <c>=======</c>, the replacement lines,
/// <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE</c>, and the closing fence. Each is an <c>edit</c> call with the block text
/// as its raw arguments; a block without a path line reuses the previous block's path.
/// </summary>
internal static class SearchReplaceBlocks
{
    public static bool IsSearch(string line) => IsMarker(line, '<', " SEARCH");

    public static bool IsReplace(string line) => IsMarker(line, '>', " REPLACE");

    /// <summary>The edits, and the index of the first line of a block that is not closed (or -1).</summary>
    public static (List<ToolCall> Calls, int FirstLine, int Unclosed) Parse(IReadOnlyList<string> lines)
    {
        var calls = new List<ToolCall>();
        var first = -1;
        string? path = null;
        var i = 0;
        while (i < lines.Count)
        {
            if (!IsSearch(lines[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var pathLine = i - 1;
            if (pathLine >= 0 && lines[pathLine].StartsWith("```", StringComparison.Ordinal))
            {
                pathLine--;
            }

            if (pathLine >= 0 && !string.IsNullOrWhiteSpace(lines[pathLine]) && !IsReplace(lines[pathLine]) && !lines[pathLine].StartsWith("```", StringComparison.Ordinal))
            {
                path = lines[pathLine].Trim().Trim('`', '*', '#', ':').Trim();
                start = pathLine;
            }

            var divider = Find(lines, i + 1, IsDivider);
            var replace = divider < 0 ? -1 : Find(lines, divider + 1, IsReplace);
            var end = replace;
            if (end < 0)
            {
                return (calls, first, i);
            }

            if (end + 1 < lines.Count && lines[end + 1].TrimEnd() == "```")
            {
                end++;
            }

            var arguments = new JsonObject
            {
                ["path"] = path,
                ["search"] = Join(lines, i + 1, divider),
                ["replace"] = Join(lines, divider + 1, replace),
            };
            calls.Add(new ToolCall("edit", arguments) { ArgumentsRaw = string.Join('\n', lines.Skip(start).Take(end - start + 1)) });
            first = first < 0 ? start : first;
            i = end + 1;
        }

        return (calls, first, -1);
    }

    private static bool IsDivider(string line) => IsMarker(line, '=', "");

    // 5 to 9 marker characters, then the word (Aider's own tolerance), then only trailing whitespace.
    private static bool IsMarker(string line, char c, string word)
    {
        var count = 0;
        while (count < line.Length && line[count] == c)
        {
            count++;
        }

        return count is >= 5 and <= 9 && line.AsSpan(count).TrimEnd().SequenceEqual(word);
    }

    private static int Find(IReadOnlyList<string> lines, int from, Func<string, bool> match)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (match(lines[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Join(IReadOnlyList<string> lines, int from, int to) =>
        to <= from ? "" : string.Join('\n', lines.Skip(from).Take(to - from)) + "\n";
}
