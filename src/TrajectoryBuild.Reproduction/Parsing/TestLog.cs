using System.Globalization;
using System.Text.RegularExpressions;

namespace TrajectoryBuild.Reproduction.Parsing;

/// <summary>
/// Reads a whole harness log the way SWE-bench v5's get_logs_eval does: harness failure markers make it
/// ungradable, only the text between the start and end markers is parsed (the whole log when there are
/// none), and passes under a non-zero exit code are treated as forged.
/// </summary>
internal static partial class TestLog
{
    public const string StartMarker = ">>>>> Start Test Output";
    public const string EndMarker = ">>>>> End Test Output";
    public const string ExitCodePrefix = ">>>>> Test Exit Code: ";
    public const string PatchApplyFailedMarker = ">>>>> Patch Apply Failed";
    public const string ResetFailedMarker = ">>>>> Reset Failed";
    public const string TestsErroredMarker = ">>>>> Tests Errored";
    public const string TestsTimedOutMarker = ">>>>> Tests Timed Out";

    private static readonly string[] s_collectionErrors =
    [
        "ERROR collecting ",
        "ImportError while importing test module",
        "ImportError while loading conftest",
        " during collection",
        "ImportError: Failed to import test module",
        "unittest.loader._FailedTest",
    ];

    public static TestRun Read(string log, ITestLogParser parser)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(parser);
        var (start, end) = Markers(log);

        // The exit code is written by the harness after the end marker; one printed by a test inside the output does not count.
        var exitCode = ReadExitCode(end >= 0 ? log[end..] : log);
        if (Problem(log, start, end) is { } problem)
        {
            return TestRun.Unreadable(problem, exitCode);
        }

        var output = start >= 0 ? log[(start + StartMarker.Length)..end] : log;
        var statuses = parser.Parse(output, exitCode);
        if (exitCode is not null and not 0 && statuses.Count > 0 && !statuses.Values.Any(TestStatuses.IsFailure))
        {
            return TestRun.Unreadable(TestRunProblems.SpoofedOutput, exitCode);
        }

        return new TestRun(statuses, Found: true, exitCode, CollectionError: FindCollectionError(output));
    }

    /// <summary>The test output: the text between the markers, or the whole log when it has neither.</summary>
    public static string Output(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var (start, end) = Markers(log);
        return start >= 0 ? log[(start + StartMarker.Length)..(end >= 0 ? end : log.Length)] : end >= 0 ? log[..end] : log;
    }

    private static (int Start, int End) Markers(string log)
    {
        var start = log.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = start >= 0
            ? log.IndexOf(EndMarker, start + StartMarker.Length, StringComparison.Ordinal)
            : log.IndexOf(EndMarker, StringComparison.Ordinal);
        return (start, end);
    }

    private static string? Problem(string log, int start, int end)
    {
        if (log.Contains(PatchApplyFailedMarker, StringComparison.Ordinal))
        {
            return TestRunProblems.PatchApplyFailed;
        }

        if (log.Contains(TestsTimedOutMarker, StringComparison.Ordinal))
        {
            return TestRunProblems.TestsTimedOut;
        }

        if (log.Contains(TestsErroredMarker, StringComparison.Ordinal))
        {
            return TestRunProblems.TestsErrored;
        }

        // A reset after the tests (restoring test files) failing does not undo a run that happened.
        if (log.AsSpan(0, start >= 0 ? start : log.Length).Contains(ResetFailedMarker, StringComparison.Ordinal))
        {
            return TestRunProblems.ResetFailed;
        }

        return (start >= 0) != (end >= 0) ? TestRunProblems.OutputTruncated : null;
    }

    private static int? ReadExitCode(string text)
    {
        var matches = ExitCodeLine().Matches(text);
        return matches.Count == 0 ? null : int.Parse(matches[^1].Groups["code"].Value, CultureInfo.InvariantCulture);
    }

    private static string? FindCollectionError(string output) =>
        LogLines.Split(output).FirstOrDefault(line => s_collectionErrors.Any(marker => line.Contains(marker, StringComparison.Ordinal)))?.Trim();

    [GeneratedRegex(@"^>>>>> Test Exit Code: (?<code>-?\d{1,9})\s*$", RegexOptions.Multiline)]
    private static partial Regex ExitCodeLine();
}
