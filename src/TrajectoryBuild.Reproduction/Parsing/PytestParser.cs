using System.Text.RegularExpressions;

namespace TrajectoryBuild.Reproduction.Parsing;

/// <summary>
/// SWE-bench v5's pytest parsers in one: the <c>-rA</c> short summary (<c>STATUS id [- message]</c>) and
/// the <c>--verbose</c> lines (<c>id STATUS [ 50%]</c>), colour codes stripped, ids with spaces kept whole.
/// The flavours add what SWE-bench's pytest_options and matplotlib parsers add.
/// </summary>
internal sealed partial class PytestParser(string name, PytestFlavor flavor = PytestFlavor.Plain) : ITestLogParser
{
    public string Name => name;

    public IReadOnlyDictionary<string, TestStatus> Parse(string log, int? exitCode)
    {
        ArgumentNullException.ThrowIfNull(log);
        var statuses = new Dictionary<string, TestStatus>(StringComparer.Ordinal);
        foreach (var raw in LogLines.Split(log))
        {
            var line = Clean(raw);
            if (TryParseLine(line, out var id, out var status))
            {
                statuses[Normalize(id)] = status;
            }
        }

        return statuses;
    }

    internal static bool TryParseLine(string line, out string id, out TestStatus status)
    {
        var leading = Leading().Match(line);
        if (leading.Success && TestStatuses.TryParseWord(leading.Groups["status"].Value, out status))
        {
            var rest = leading.Groups["rest"].Value.Trim();
            // "SKIPPED [3] tests/x.py:12: reason" is the -rA skip summary: a count and a location, not a test.
            var isSkipSummary = status == TestStatus.Skipped && SkipSummary().IsMatch(rest);
            id = CutMessage(rest);
            return id.Length > 0 && !isSkipSummary;
        }

        var trailing = Trailing().Match(line);
        if (trailing.Success && TestStatuses.TryParseWord(trailing.Groups["status"].Value, out status))
        {
            id = trailing.Groups["id"].Value.Trim();
            return id.Length > 0;
        }

        id = string.Empty;
        status = default;
        return false;
    }

    private string Clean(string raw)
    {
        var line = XdistPrefix().Replace(LogLines.StripAnsi(raw), string.Empty);
        return flavor == PytestFlavor.Matplotlib
            ? line.Replace("MouseButton.LEFT", "1", StringComparison.Ordinal).Replace("MouseButton.RIGHT", "3", StringComparison.Ordinal)
            : line;
    }

    private string Normalize(string id)
    {
        if (flavor != PytestFlavor.Options)
        {
            return id;
        }

        // SWE-bench's pytest_options: a path-like option keeps only its last segment.
        var match = Option().Match(id);
        if (!match.Success)
        {
            return id;
        }

        var option = match.Groups["option"].Value;
        if (option.StartsWith('/') && !option.StartsWith("//", StringComparison.Ordinal) && !option.Contains('*', StringComparison.Ordinal))
        {
            option = "/" + option[(option.LastIndexOf('/') + 1)..];
        }

        return $"{match.Groups["main"].Value}[{option}]";
    }

    /// <summary>"id - AssertionError: ..." -> "id"; a " - " inside the parameter brackets belongs to the id.</summary>
    private static string CutMessage(string rest)
    {
        var depth = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ' ' when depth == 0 && string.CompareOrdinal(rest, i, " - ", 0, 3) == 0:
                    return rest[..i].TrimEnd();
            }
        }

        return rest;
    }

    [GeneratedRegex(@"^(?<status>[A-Z]+) (?<rest>.*)$")]
    private static partial Regex Leading();

    // Without backtracking: a line of a word and a megabyte of spaces (a test may print one) would take hours to refuse.
    [GeneratedRegex(@"^(?<id>\S.*?)\s+(?<status>PASSED|FAILED|SKIPPED|ERROR|XFAIL|XPASS)(\s+\(.*\))?(\s+\[\s*\d+%\])?\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex Trailing();

    [GeneratedRegex(@"^\[\d+\]\s")]
    private static partial Regex SkipSummary();

    [GeneratedRegex(@"^\[gw\d+\]\s+(\[\s*\d+%\]\s+)?")]
    private static partial Regex XdistPrefix();

    [GeneratedRegex(@"^(?<main>.*?)\[(?<option>.*)\]")]
    private static partial Regex Option();
}
