using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Build.Testing;

/// <summary>
/// docs/reliability.md, rendered from the rows the reliability tests recorded during a Test run: each fault and bad
/// input tried, how many cases, and the outcome. Rows are sorted, so the same rows always give the same table.
/// </summary>
internal static class ReliabilityReport
{
    /// <summary>The variable that tells the tests where to write their rows (ReliabilityRecord.DirectoryVariable).</summary>
    public const string FolderVariable = "TRAJBUILD_RELIABILITY_DIR";

    public static readonly string RecordsFolder = Path.Combine("artifacts", "reliability");

    public static readonly string DocumentPath = Path.Combine("docs", "reliability.md");

    /// <summary>Every row of every <c>*.jsonl</c> file in <paramref name="folder"/> (none when it is missing).</summary>
    /// <exception cref="InvalidDataException">A line is not a row.</exception>
    public static IReadOnlyList<ReliabilityRow> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var rows = new List<ReliabilityRow>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)).Where(l => l.l.Length > 0))
            {
                try
                {
                    var row = JsonNode.Parse(line)!;
                    rows.Add(new ReliabilityRow(
                        row["area"]!.GetValue<string>(),
                        row["fault"]!.GetValue<string>(),
                        row["cases"]!.GetValue<int>(),
                        row["outcome"]!.GetValue<string>(),
                        row["result"]!.GetValue<string>() == "passed",
                        row["test"]!.GetValue<string>()));
                }
                catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException)
                {
                    throw new InvalidDataException($"{file}:{number}: not a reliability row ({e.Message})", e);
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// The document. A row whose test failed in <paramref name="tests"/> is shown failed whatever it recorded, so the
    /// report cannot claim what the run did not show.
    /// </summary>
    public static string Render(IReadOnlyList<ReliabilityRow> rows, TestSummary tests, string command, DateTimeOffset when)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(tests);
        var failedTests = tests.Cases.Where(c => c.Outcome == TestOutcome.Failed).Select(c => c.Name).ToList();
        var shown = rows
            .Select(r => r.Passed && failedTests.Any(name => RowOf(name, r.Test)) ? r with { Passed = false } : r)
            .OrderBy(r => r.Area, StringComparer.Ordinal)
            .ThenBy(r => r.Fault, StringComparer.Ordinal)
            .ThenBy(r => r.Test, StringComparer.Ordinal)
            .ThenBy(r => r.Cases)
            .ThenBy(r => r.Outcome, StringComparer.Ordinal)
            .ToList();
        var failed = shown.Count(r => !r.Passed);
        var text = new StringBuilder();
        text.Append("# Reliability\n\n");
        text.Append("Each fault and bad input the tests try, how many cases, and what came of it. This page is generated, not written:\n");
        text.Append("the reliability tests record a row each (`tests/TrajectoryBuild.Testing/ReliabilityRecord.cs`) and the build host's\n");
        text.Append("Test target renders them. A test records its row after its last assertion; a test that fails records FAILED, and\n");
        text.Append("a skipped test records nothing.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Produced by `{command}` on {when.UtcDateTime:yyyy-MM-dd HH:mm} UTC. ");
        text.Append(CultureInfo.InvariantCulture, $"That run: {tests.FinalLine}; {shown.Count} rows, {shown.Sum(r => r.Cases)} cases, ");
        text.Append(failed == 0 ? "every row passed.\n\n" : $"{failed} row{(failed == 1 ? string.Empty : "s")} FAILED.\n\n");
        if (shown.Count == 0)
        {
            text.Append("No reliability test recorded a row in that run.\n");
            return text.ToString();
        }

        text.Append("| Area | Fault or bad input | Cases | Outcome | Result | Test |\n");
        text.Append("|---|---|---:|---|---|---|\n");
        foreach (var row in shown)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Cell(row.Area)} | {Cell(row.Fault)} | {row.Cases} | {Cell(row.Outcome)} | {(row.Passed ? "passed" : "**FAILED**")} | `{Cell(row.Test)}` |\n");
        }

        return text.ToString();
    }

    // xUnit names a test Namespace.Class.Method(arguments); a row names it Class.Method.
    private static bool RowOf(string testName, string rowTest)
    {
        var paren = testName.IndexOf('(', StringComparison.Ordinal);
        var name = paren < 0 ? testName : testName[..paren];
        return name == rowTest || name.EndsWith("." + rowTest, StringComparison.Ordinal);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace('\n', ' ');
}
