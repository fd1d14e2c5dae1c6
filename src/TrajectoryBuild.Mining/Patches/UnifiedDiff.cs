using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TrajectoryBuild.Mining.Patches;

/// <summary>
/// Parses unified diffs as <c>git diff</c> writes them (and plain <c>diff -u</c> output): file headers, extended
/// git headers (modes, renames, binary), and hunks whose line counts are checked. Text before the first file
/// header (a commit message) is ignored, as <c>git apply</c> does.
/// </summary>
public static partial class UnifiedDiff
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="PatchFormatException">The diff is malformed; the message says where and what.</exception>
    public static ParsedDiff Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitKeepingEndings(text);
        var files = new List<FileDiff>();
        var i = 0;
        while (i < lines.Count)
        {
            if (IsGitHeader(lines[i]) || (IsOldFileLine(lines[i]) && i + 1 < lines.Count && lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal)))
            {
                files.Add(ParseFile(lines, ref i));
            }
            else
            {
                i++;
            }
        }

        return new ParsedDiff(files);
    }

    /// <summary>Parses <paramref name="text"/>, or says why it cannot.</summary>
    public static bool TryParse(string text, out ParsedDiff diff, out string? error)
    {
        try
        {
            diff = Parse(text);
            error = null;
            return true;
        }
        catch (PatchFormatException e)
        {
            diff = new ParsedDiff([]);
            error = e.Message;
            return false;
        }
    }

    private static FileDiff ParseFile(List<string> lines, ref int i)
    {
        var start = i;
        string? oldPath = null, newPath = null, newMode = null;
        var binary = false;
        var binaryData = false;
        if (IsGitHeader(lines[i]))
        {
            (oldPath, newPath) = GitHeaderPaths(lines[i], i);
            i++;
            while (i < lines.Count && !IsFileStart(lines, i) && !lines[i].StartsWith("--- ", StringComparison.Ordinal) && !lines[i].StartsWith("@@", StringComparison.Ordinal))
            {
                var line = Trim(lines[i]);
                if (line.StartsWith("new file mode ", StringComparison.Ordinal))
                {
                    oldPath = null;
                    newMode = line["new file mode ".Length..].Trim();
                }
                else if (line.StartsWith("deleted file mode", StringComparison.Ordinal))
                {
                    newPath = null;
                }
                else if (line.StartsWith("new mode ", StringComparison.Ordinal))
                {
                    newMode = line["new mode ".Length..].Trim();
                }
                else if (line.StartsWith("index ", StringComparison.Ordinal) && line.Split(' ') is [_, _, var mode])
                {
                    newMode ??= mode; // "index abc..def 100644": the mode is unchanged
                }
                else if (line.StartsWith("rename from ", StringComparison.Ordinal) || line.StartsWith("copy from ", StringComparison.Ordinal))
                {
                    oldPath = Unquote(line[(line.IndexOf("from ", StringComparison.Ordinal) + 5)..], i);
                }
                else if (line.StartsWith("rename to ", StringComparison.Ordinal) || line.StartsWith("copy to ", StringComparison.Ordinal))
                {
                    newPath = Unquote(line[(line.IndexOf("to ", StringComparison.Ordinal) + 3)..], i);
                }
                else if (line.StartsWith("Binary files ", StringComparison.Ordinal) || line == "GIT binary patch")
                {
                    binary = true;
                    binaryData |= line == "GIT binary patch";
                }

                i++;
            }
        }

        if (binary)
        {
            // Skip the binary payload up to the next file.
            while (i < lines.Count && !IsFileStart(lines, i))
            {
                i++;
            }

            return new FileDiff(oldPath, newPath, string.Concat(lines.Skip(start).Take(i - start)), true, 0, 0) { NewMode = newMode, HasBinaryData = binaryData };
        }

        if (i < lines.Count && lines[i].StartsWith("--- ", StringComparison.Ordinal))
        {
            var oldHeader = HeaderPath(lines[i], "--- ", "a/", i);
            if (i + 1 >= lines.Count || !lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal))
            {
                throw new PatchFormatException($"line {i + 2}: expected a '+++ ' line after '{Trim(lines[i])}'");
            }

            var newHeader = HeaderPath(lines[i + 1], "+++ ", "b/", i + 1);
            oldPath = oldHeader;
            newPath = newHeader;
            i += 2;
        }

        var (added, removed) = ParseHunks(lines, ref i);
        if (oldPath is null && newPath is null)
        {
            throw new PatchFormatException($"line {start + 1}: a file change with neither an old nor a new path");
        }

        return new FileDiff(oldPath, newPath, string.Concat(lines.Skip(start).Take(i - start)), false, added, removed) { NewMode = newMode };
    }

    private static (int Added, int Removed) ParseHunks(List<string> lines, ref int i)
    {
        int added = 0, removed = 0;
        while (i < lines.Count && lines[i].StartsWith("@@", StringComparison.Ordinal))
        {
            var match = HunkHeader().Match(lines[i]);
            if (!match.Success)
            {
                throw new PatchFormatException($"line {i + 1}: malformed hunk header '{Trim(lines[i])}'");
            }

            var (oldCount, newCount) = (Count(match.Groups[2], lines[i], i), Count(match.Groups[4], lines[i], i));
            var header = i;
            i++;
            while (oldCount > 0 || newCount > 0)
            {
                if (i >= lines.Count)
                {
                    throw new PatchFormatException($"line {header + 1}: hunk ends early: {oldCount} old and {newCount} new lines still expected at the end of the diff");
                }

                var line = lines[i];
                switch (line.Length > 0 ? line[0] : '\n')
                {
                    case ' ' or '\n' or '\r':
                        oldCount--;
                        newCount--;
                        break;
                    case '-':
                        oldCount--;
                        removed++;
                        break;
                    case '+':
                        newCount--;
                        added++;
                        break;
                    case '\\':
                        break;
                    default:
                        throw new PatchFormatException($"line {i + 1}: hunk starting at line {header + 1} expects {oldCount} more old and {newCount} more new lines, found '{Trim(line)}'");
                }

                if (oldCount < 0 || newCount < 0)
                {
                    throw new PatchFormatException($"line {i + 1}: hunk starting at line {header + 1} has more lines than its header '{Trim(lines[header])}' declares");
                }

                i++;
            }

            while (i < lines.Count && lines[i].StartsWith('\\'))
            {
                i++; // "\ No newline at end of file" after the last line
            }

            // An added or removed line right after a complete hunk means the header undercounts: a corrupt patch.
            // ("-- " is format-patch's signature separator, "--- " the next file's header.)
            if (i < lines.Count && (lines[i].StartsWith('+') || (lines[i].StartsWith('-') && !lines[i].StartsWith("--", StringComparison.Ordinal))))
            {
                throw new PatchFormatException($"line {i + 1}: hunk starting at line {header + 1} has more lines than its header '{Trim(lines[header])}' declares");
            }
        }

        return (added, removed);
    }

    // A count past int.MaxValue (digits are all the header's pattern asks for) cannot be a real hunk's.
    private static int Count(Group group, string line, int index) =>
        !group.Success ? 1
        : int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count
        : throw new PatchFormatException($"line {index + 1}: hunk header '{Trim(line)}' counts more lines than a diff can hold");

    private static bool IsFileStart(List<string> lines, int i) =>
        IsGitHeader(lines[i]) || (IsOldFileLine(lines[i]) && i + 1 < lines.Count && lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal));

    private static bool IsGitHeader(string line) => line.StartsWith("diff --git ", StringComparison.Ordinal);

    private static bool IsOldFileLine(string line) => line.StartsWith("--- ", StringComparison.Ordinal);

    private static (string? Old, string? New) GitHeaderPaths(string line, int index)
    {
        var rest = Trim(line)["diff --git ".Length..];
        if (rest.StartsWith('"'))
        {
            var end = ClosingQuote(rest, index);
            return (StripPrefix(Unquote(rest[..(end + 1)], index), "a/"), StripPrefix(Unquote(rest[(end + 2)..], index), "b/"));
        }

        // Unquoted: "a/X b/X"; split at the " b/" that leaves equal halves when it can (paths with spaces).
        var middle = rest.Length / 2;
        var split = rest.Length % 2 == 1 && rest[middle] == ' ' && rest[(middle + 1)..].StartsWith("b/", StringComparison.Ordinal)
            ? middle
            : rest.IndexOf(" b/", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new PatchFormatException($"line {index + 1}: cannot read the paths of '{Trim(line)}'");
        }

        return (StripPrefix(rest[..split], "a/"), StripPrefix(rest[(split + 1)..], "b/"));
    }

    private static string? HeaderPath(string line, string marker, string prefix, int index)
    {
        var path = Trim(line)[marker.Length..];
        var tab = path.IndexOf('\t', StringComparison.Ordinal);
        if (tab >= 0)
        {
            path = path[..tab]; // diff -u puts a timestamp after a tab
        }

        path = Unquote(path, index);
        return path == "/dev/null" ? null : StripPrefix(path, prefix);
    }

    private static string StripPrefix(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;

    private static string Unquote(string path, int index)
    {
        if (!path.StartsWith('"'))
        {
            return path;
        }

        var end = ClosingQuote(path, index);
        var bytes = new List<byte>();
        for (var k = 1; k < end; k++)
        {
            if (path[k] != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(path[k].ToString()));
                continue;
            }

            var c = path[++k];
            if (c is >= '0' and <= '7' && k + 2 < end)
            {
                bytes.Add(Convert.ToByte(path.Substring(k, 3), 8));
                k += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c switch { 'n' => "\n", 't' => "\t", 'r' => "\r", 'a' => "\a", 'b' => "\b", 'f' => "\f", 'v' => "\v", _ => c.ToString() }));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static int ClosingQuote(string text, int index)
    {
        for (var k = 1; k < text.Length; k++)
        {
            if (text[k] == '\\')
            {
                k++;
            }
            else if (text[k] == '"')
            {
                return k;
            }
        }

        throw new PatchFormatException($"line {index + 1}: unterminated quoted path");
    }

    private static string Trim(string line) => line.TrimEnd('\n', '\r');

    private static List<string> SplitKeepingEndings(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var k = 0; k < text.Length; k++)
        {
            if (text[k] == '\n')
            {
                lines.Add(text[start..(k + 1)]);
                start = k + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")]
    private static partial Regex HunkHeader();
}
