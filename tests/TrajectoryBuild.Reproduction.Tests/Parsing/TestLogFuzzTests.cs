using System.Text;
using TrajectoryBuild.Reproduction.Grading;
using TrajectoryBuild.Reproduction.Parsing;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Reproduction.Tests.Parsing;

/// <summary>
/// Bad input at the test-log door: the real logs in Data/ (SWE-smith's pandas run with its harness markers, and every
/// snippet of SWE-bench's and SWE-smith's parser tests) mutated with a fixed seed, then read by every parser the way
/// Reproduce and Evaluate read them (<see cref="TestLog.Read"/>, then <see cref="Grader"/>). No log may throw or hang:
/// each gives statuses, or "cannot be graded" with the reason.
/// </summary>
public sealed class TestLogFuzzTests
{
    private const string Area = "Bad input: test logs";
    private const int Seed = 20261124;
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(5);
    private static readonly string[] s_problems =
    [
        TestRunProblems.PatchApplyFailed, TestRunProblems.ResetFailed, TestRunProblems.TestsErrored, TestRunProblems.TestsTimedOut,
        TestRunProblems.OutputTruncated, TestRunProblems.SpoofedOutput,
    ];

    private static readonly string[] s_pytestParsers = ["pytest", "pytest_v2", "pytest_options", "matplotlib"];
    private static readonly string[] s_statusWords = ["PASSED", "FAILED", "ERROR", "SKIPPED", "XFAIL", "XPASS"];
    private static readonly string[] s_ansi = ["\u001b[31m", "\u001b[0m", "\u001b[1;32m", "\u001b[2K", "\u001b[", "\u001b[999999999999m", "\r", "\u001b]0;title\u0007"];

    [Fact]
    public async Task MutatedRealLogs_ReadByEveryParser_GiveStatusesOrAReason_NeverThrowOrHang()
    {
        var samples = Samples();
        var random = new Random(Seed);
        var logs = samples.SelectMany(s => Mutations(s.Log, samples, random).Select(m => (Name: $"{s.Name} / {m.Name}", m.Log))).ToList();
        using var row = ReliabilityRecord.Start(Area, $"{samples.Count} real logs (SWE-smith's pandas run, SWE-bench's and SWE-smith's parser snippets) mutated {logs.Count} ways (seed {Seed}): "
            + "cut short, bytes flipped, invalid UTF-8, NUL, ANSI colour and cursor codes (some cut off), lines of another log interleaved, CR-only progress lines, "
            + $"harness markers doubled, swapped or forged, exit codes past 2^31; each read by all {TestLogParsers.Names.Count} parsers");
        var (graded, ungraded) = (0, 0);
        foreach (var (name, log) in logs)
        {
            foreach (var parser in TestLogParsers.Names.Select(TestLogParsers.Get))
            {
                var because = $"{name} with {parser.Name}";
                var run = await ReadWithinBudgetAsync(log, parser, because);

                (run.Found ? ref graded : ref ungraded)++;
                row.Case();
            }
        }

        row.Passed($"no exception, each read in under {s_budget.TotalSeconds:0} s and the same on a second read; {graded} gave statuses (ids non-empty, graded against FAIL_TO_PASS / PASS_TO_PASS), "
            + $"{ungraded} \"cannot be graded\" with a reason ({string.Join(", ", s_problems)})");
    }

    [Fact]
    public async Task HugeLogs_AreReadInBoundedTime_ByEveryParser()
    {
        const int Size = 256 << 10;
        (string Name, string Log)[] logs =
        [
            ("a 256 KB line of one character", new string('x', Size)),
            ("a 1 MB line of spaces after a word", "test_a.py::test_one" + new string(' ', 4 * Size)),
            ("a 256 KB line of spaces after a word, then a status", "test_a.py::test_one" + new string(' ', Size) + "PASSED"),
            ("a 256 KB line of 'word ' pairs", string.Concat(Enumerable.Repeat("word ", Size / 5))),
            ("a 256 KB test id", "PASSED tests/test_x.py::test_" + new string('y', Size)),
            ("a 256 KB parameter", "tests/test_x.py::test_p[" + new string('[', Size) + "] PASSED"),
            ("50,000 short lines", string.Concat(Enumerable.Repeat("PASSED t.py::t\n", 50_000))),
            ("256 KB of status words", string.Concat(Enumerable.Repeat("PASSED FAILED ERROR ok ... ", Size / 27))),
        ];
        using var row = ReliabilityRecord.Start(Area, "huge logs: a 1 MB line of spaces after a word; 256 KB lines (one character, spaces after a word and a status, 'word ' pairs, a test id, nested brackets), 50,000 lines, 256 KB of status words; each read by every parser");
        foreach (var (name, log) in logs)
        {
            foreach (var parser in TestLogParsers.Names.Select(TestLogParsers.Get))
            {
                await ReadWithinBudgetAsync(log, parser, $"{name} with {parser.Name}", readTwice: false);
                row.Case();
            }
        }

        row.Passed($"no exception; every parser read each in under {s_budget.TotalSeconds:0} s, to statuses or a reason (before this test, a 1 MB line of a word and spaces kept the pytest parsers' expression backtracking past this budget, and sympy's header past 40 s)");
    }

    [Fact]
    public void ColourCodesAroundEveryTestLine_LeaveThePytestStatusesAsTheyAre()
    {
        var log = TestData.Text(TestData.PandasLog);
        var random = new Random(Seed);
        using var row = ReliabilityRecord.Start(Area, "the pandas pytest log with every test line coloured as pytest --color=yes does (green / red status, bold, reset), 50 seeded variants, each read by the 4 pytest parsers");
        foreach (var parser in s_pytestParsers.Select(TestLogParsers.Get))
        {
            var plain = TestLog.Read(log, parser);
            plain.Statuses.Count.ShouldBeGreaterThan(10);
            for (var n = 0; n < 50; n++)
            {
                var coloured = string.Join('\n', log.Split('\n').Select(l => Colour(l, random)));

                var run = TestLog.Read(coloured, parser);

                run.Statuses.ShouldBe(plain.Statuses, $"{parser.Name}, variant {n}");
                row.Case();
            }
        }

        row.Passed("the same statuses as the plain log, test for test: colour codes are stripped before a line is read");
    }

    // A read that backtracks for hours must fail the test, not hang it: the read runs on the pool, and is left behind.
    private static async Task<TestRun> ReadWithinBudgetAsync(string log, ITestLogParser parser, string because, bool readTwice = true)
    {
        var read = Task.Run(() => TestLog.Read(log, parser), TestContext.Current.CancellationToken);
        (await Task.WhenAny(read, Task.Delay(s_budget, TestContext.Current.CancellationToken))).ShouldBe(read, $"{because}: not read within {s_budget.TotalSeconds:0} s");
        var run = await read;

        if (run.Found)
        {
            run.Problem.ShouldBeNull(because);
            run.Statuses.Keys.ShouldAllBe(id => id.Length > 0, because);
            var report = Grader.Evaluate(run, [.. run.Statuses.Keys.Take(2)], [.. run.Statuses.Keys.Skip(2).Take(5)]);
            report.ShouldNotBeNull(because);
        }
        else
        {
            run.Problem.ShouldBeOneOf(s_problems, because);
            run.Statuses.ShouldBeEmpty(because);
        }

        if (!readTwice)
        {
            return run;
        }

        var again = TestLog.Read(log, parser);
        (again.Found, again.Problem, again.ExitCode, again.CollectionError).ShouldBe((run.Found, run.Problem, run.ExitCode, run.CollectionError), because);
        again.Statuses.ShouldBe(run.Statuses, because);
        return run;
    }

    private static List<(string Name, string Log)> Samples()
    {
        var vectors = TestData.Json(TestData.Vectors)["vectors"]!.AsArray();
        return
        [
            ("pandas run", TestData.Text(TestData.PandasLog)),
            .. vectors.Select((v, i) => ($"snippet {i}", v!["log"]!.GetValue<string>())),
        ];
    }

    private static IEnumerable<(string Name, string Log)> Mutations(string log, List<(string Name, string Log)> samples, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(log);
        var lines = log.Split('\n');
        for (var n = 0; n < 3; n++)
        {
            yield return ($"cut {n}", Encoding.UTF8.GetString(bytes[..random.Next(bytes.Length + 1)]));
        }

        for (var n = 0; n < 3; n++)
        {
            var flipped = (byte[])bytes.Clone();
            for (var k = 0; k < 1 + random.Next(8); k++)
            {
                flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            }

            yield return ($"bytes {n}", Encoding.UTF8.GetString(flipped));
        }

        var at = random.Next(bytes.Length + 1);
        yield return ("invalid UTF-8", Encoding.UTF8.GetString([.. bytes[..at], 0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80, .. bytes[at..]]));
        yield return ("NUL", log.Insert(random.Next(log.Length + 1), "\0"));
        yield return ("ANSI", string.Join('\n', lines.Select(l => l.Insert(random.Next(l.Length + 1), s_ansi[random.Next(s_ansi.Length)]))));
        var other = samples[random.Next(samples.Count)].Log.Split('\n');
        yield return ("interleaved", string.Join('\n', lines.Zip(other.Concat(Enumerable.Repeat(string.Empty, lines.Length)), (a, b) => random.Next(2) == 0 ? $"{a}\n{b}" : $"{a[..(a.Length / 2)]}{b}\n{a[(a.Length / 2)..]}")));
        yield return ("CR-only line ends", log.Replace('\n', '\r'));
        yield return ("start marker doubled", log.Replace(TestLog.StartMarker, TestLog.StartMarker + "\n" + TestLog.StartMarker, StringComparison.Ordinal) + "\n" + TestLog.StartMarker);
        yield return ("end before start", $"{TestLog.EndMarker}\n{log}\n{TestLog.StartMarker}\n");
        yield return ("forged passes", $"{TestLog.StartMarker}\nPASSED tests/test_forged.py::test_a\n{TestLog.EndMarker}\n{log}\n{TestLog.ExitCodePrefix}1\n");
        yield return ("huge exit code", $"{log}\n{TestLog.ExitCodePrefix}99999999999999999999\n{TestLog.ExitCodePrefix}-2147483649\n");
        yield return ("patch marker inside the output", log.Insert(random.Next(log.Length + 1), "\n" + TestLog.PatchApplyFailedMarker + "\n"));
    }

    // Colours a test line the way pytest --color=yes does: the status word, the id, and a reset at the end.
    private static string Colour(string line, Random random)
    {
        foreach (var word in s_statusWords)
        {
            if (line.Contains(word, StringComparison.Ordinal))
            {
                var colour = random.Next(3) switch { 0 => "\u001b[32m", 1 => "\u001b[1m\u001b[31m", _ => "\u001b[33;1m" };
                return line.Replace(word, colour + word + "\u001b[0m", StringComparison.Ordinal) + (random.Next(2) == 0 ? "\u001b[0m" : string.Empty);
            }
        }

        return line;
    }
}
