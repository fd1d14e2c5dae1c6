using Build.Testing;

namespace Build.Tests.Testing;

/// <summary>docs/reliability.md from the rows ReliabilityRecord writes: the writer and the reader agree, and nothing unearned shows as passed.</summary>
public sealed class ReliabilityReportTests : IDisposable
{
    private static readonly DateTimeOffset s_when = new(2026, 11, 24, 19, 5, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();
    private readonly string? _previousFolder = Environment.GetEnvironmentVariable(ReliabilityRecord.DirectoryVariable);

    public ReliabilityReportTests() => Environment.SetEnvironmentVariable(ReliabilityRecord.DirectoryVariable, _temp.Path);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ReliabilityRecord.DirectoryVariable, _previousFolder);
        _temp.Dispose();
    }

    [Fact]
    public void Render_RecordedRows_SortedTableWithCommandTimeAndCounts_AFailedTestsRowShownFailed()
    {
        ReliabilityReport.FolderVariable.ShouldBe(ReliabilityRecord.DirectoryVariable);
        Record("Disk full", "cache on a 64 KiB tmpfs", cases: 3, outcome: "the target fails | naming the path", pass: true);
        Record("Crash safety", "SIGKILL at a random point", cases: 20, outcome: "same lock", pass: true);
        using (var unfinished = ReliabilityRecord.Start("Concurrency", "two builds at once"))
        {
            unfinished.Case();
        }

        var rows = ReliabilityReport.Read(_temp.Path);
        var tests = TestSummary.Empty.Add(new TestCase("Build.Tests.Testing.ReliabilityReportTests.Record(x: 1)", TestOutcome.Failed, "boom"));
        var text = ReliabilityReport.Render(rows, tests, "./build.sh Test", s_when);

        rows.Count.ShouldBe(3);
        text.ShouldContain("Produced by `./build.sh Test` on 2026-11-24 19:05 UTC. That run: 0 passed, 1 failed; 3 rows, 24 cases, 3 rows FAILED.\n");
        var table = text[text.IndexOf("| Area", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        table.ShouldBe(
        [
            "| Area | Fault or bad input | Cases | Outcome | Result | Test |",
            "|---|---|---:|---|---|---|",
            "| Concurrency | two builds at once | 1 | the test failed: see its result for the case and the reason | **FAILED** | `ReliabilityReportTests.Render_RecordedRows_SortedTableWithCommandTimeAndCounts_AFailedTestsRowShownFailed` |",
            "| Crash safety | SIGKILL at a random point | 20 | same lock | **FAILED** | `ReliabilityReportTests.Record` |",
            "| Disk full | cache on a 64 KiB tmpfs | 3 | the target fails \\| naming the path | **FAILED** | `ReliabilityReportTests.Record` |",
        ]);
    }

    [Fact]
    public void Render_SameRowsInAnyOrder_SameDocument_AndPassedRowsSayPassed()
    {
        var rows = new List<ReliabilityRow>
        {
            new("B", "y", 2, "ok", true, "T.B"),
            new("A", "z", 1, "ok", true, "T.A2"),
            new("A", "x", 5, "ok", true, "T.A1"),
        };
        var tests = TestSummary.Empty.Add(new TestCase("N.T.A1", TestOutcome.Passed));

        var text = ReliabilityReport.Render(rows, tests, "./build.sh Test", s_when);

        ReliabilityReport.Render([.. Enumerable.Reverse(rows)], tests, "./build.sh Test", s_when).ShouldBe(text);
        text.ShouldContain("3 rows, 8 cases, every row passed.");
        text.IndexOf("| A | x |", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("| A | z |", StringComparison.Ordinal));
        text.IndexOf("| A | z |", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("| B | y |", StringComparison.Ordinal));
        text.ShouldNotContain("**FAILED**");
    }

    [Fact]
    public void Read_NoFolder_NoRows_AndTheDocumentSaysSo()
    {
        var rows = ReliabilityReport.Read(_temp.Combine("missing"));

        rows.ShouldBeEmpty();
        ReliabilityReport.Render(rows, TestSummary.Empty, "./build.sh Test", s_when).ShouldEndWith("No reliability test recorded a row in that run.\n");
    }

    [Fact]
    public void Read_LineThatIsNotARow_SaysWhichFileAndLine()
    {
        File.WriteAllText(_temp.Combine("records-1.jsonl"), "{\"area\":\"a\"}\n");

        Should.Throw<InvalidDataException>(() => ReliabilityReport.Read(_temp.Path)).Message.ShouldStartWith($"{_temp.Combine("records-1.jsonl")}:1: not a reliability row");
    }

    private static void Record(string area, string fault, int cases, string outcome, bool pass)
    {
        using var row = ReliabilityRecord.Start(area, fault);
        for (var i = 0; i < cases; i++)
        {
            row.Case();
        }

        if (pass)
        {
            row.Passed(outcome);
        }
    }
}
