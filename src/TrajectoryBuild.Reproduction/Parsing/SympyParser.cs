using System.Text.RegularExpressions;

namespace TrajectoryBuild.Reproduction.Parsing;

/// <summary>
/// SWE-bench's parse_log_sympy, for <c>bin/test -C --verbose</c>. First the report's section headers
/// (<c>____ sympy/core/tests/test_basic.py:test_atoms ____</c>, or <c>...py::test_x</c> in newer sympy) fail
/// <c>path.py:name</c> (exceptions too, as in SWE-bench); then each <c>test_name result</c> line keys the bare test
/// name: <c>ok</c> passed, <c>F</c> failed, <c>E</c> error. Beyond SWE-bench: the last test of a file, which newer
/// sympy ends with a right-aligned <c>[OK]</c>/<c>[FAIL]</c> (SWE-bench misses it), and the results it ignores:
/// <c>f</c> (expected failure) XFail, <c>X</c> (unexpected pass) passed, <c>s</c>/<c>w</c>/<c>K</c> (skipped, slow,
/// interrupted) skipped. <c>T</c> is left out: sympy prints it both for a timeout skip and for a timeout error.
/// </summary>
internal sealed partial class SympyParser : ITestLogParser
{
    public string Name => "sympy";

    public IReadOnlyDictionary<string, TestStatus> Parse(string log, int? exitCode)
    {
        ArgumentNullException.ThrowIfNull(log);
        var lines = LogLines.Split(log).Select(LogLines.StripAnsi).ToList();
        var statuses = new Dictionary<string, TestStatus>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (Header(line) is var (path, name))
            {
                statuses[$"{path}.py:{name}"] = TestStatus.Failed;
            }
        }

        foreach (var raw in lines)
        {
            var line = FileResult().Replace(raw.Trim(), string.Empty);
            if (!line.StartsWith("test_", StringComparison.Ordinal))
            {
                continue;
            }

            var last = line.LastIndexOf(' ');
            if (last > 0 && TryParseResult(line[(last + 1)..], out var status))
            {
                statuses[line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0]] = status;
            }
        }

        return statuses;
    }

    private static bool TryParseResult(string word, out TestStatus status)
    {
        (var known, status) = word switch
        {
            "ok" => (true, TestStatus.Passed),
            "F" => (true, TestStatus.Failed),
            "E" => (true, TestStatus.Error),
            "f" => (true, TestStatus.XFail),
            "X" => (true, TestStatus.Passed),
            "s" or "w" or "K" => (true, TestStatus.Skipped),
            _ => (false, TestStatus.Failed),
        };
        return known;
    }

    /// <summary>
    /// The first match of SWE-bench's <c>(_*) (.*)\.py:(.*) (_*)</c> in a line, as a backtracking engine finds it, in one
    /// pass: a match starts at the first space; the greedy name runs to the line's last space, and the greedy path to
    /// the last <c>.py:</c> that still leaves room for it. (The regular expression took minutes on a line of a word
    /// and a megabyte of spaces, which a test can print.)
    /// </summary>
    internal static (string Path, string Name)? Header(string line)
    {
        var first = line.IndexOf(' ', StringComparison.Ordinal);
        var last = line.LastIndexOf(' ');
        if (first < 0 || last - first - 1 < 4)
        {
            return null;
        }

        // ".py:" wholly between the two spaces.
        var py = line.LastIndexOf(".py:", last - 1, last - first - 1, StringComparison.Ordinal);
        return py < 0 ? null : (line[(first + 1)..py], line[(py + 4)..last]);
    }

    [GeneratedRegex(@"\s+\[(?:OK|FAIL)\]$")]
    private static partial Regex FileResult();
}
