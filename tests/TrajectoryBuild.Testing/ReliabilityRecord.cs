using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Testing;

/// <summary>
/// One row of docs/reliability.md: a fault or bad input a test tried, how many cases, and what came of it. A test
/// starts the row once its preconditions hold (a skipped test records nothing), counts each case it tries, and calls
/// <see cref="Passed"/> after its last assertion. Disposed without that (an assertion failed, or something threw),
/// the row is written as failed, with the cases tried so far, so the report never claims more than the run showed.
/// </summary>
/// <remarks>
/// Rows are JSON lines appended to <c>records-&lt;pid&gt;.jsonl</c> in <c>$TRAJBUILD_RELIABILITY_DIR</c> (default
/// <c>artifacts/reliability/</c> in the repository); the build host's Test target clears that folder first and renders
/// docs/reliability.md from it after the tests (build/Testing/ReliabilityReport.cs reads the same fields).
/// </remarks>
public sealed class ReliabilityRecord : IDisposable
{
    public const string DirectoryVariable = "TRAJBUILD_RELIABILITY_DIR";

    private static readonly Lock s_append = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _area;
    private readonly string _fault;
    private readonly string _test;
    private int _cases;
    private bool _written;

    private ReliabilityRecord(string area, string fault, string test)
    {
        _area = area;
        _fault = fault;
        _test = test;
    }

    /// <summary>The folder the rows go to.</summary>
    public static string Folder => Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(RepositoryRoot.Path, "artifacts", "reliability");

    /// <summary>How many cases were tried so far.</summary>
    public int Cases => Volatile.Read(ref _cases);

    /// <summary>Starts a row: <paramref name="area"/> groups rows (Crash safety, Disk full ...), <paramref name="fault"/> says what was tried.</summary>
    public static ReliabilityRecord Start(string area, string fault, [CallerFilePath] string file = "", [CallerMemberName] string test = "") =>
        new(area, fault, $"{Path.GetFileNameWithoutExtension(file)}.{test}");

    /// <summary>Counts one more case tried (safe from parallel cases).</summary>
    public void Case() => Interlocked.Increment(ref _cases);

    /// <summary>Records the row as passed, with what every case showed; call it after the test's last assertion.</summary>
    public void Passed(string outcome) => Write("passed", outcome);

    /// <summary>Writes the row as failed unless <see cref="Passed"/> was called.</summary>
    public void Dispose()
    {
        if (!_written)
        {
            Write("failed", "the test failed: see its result for the case and the reason");
        }
    }

    private void Write(string result, string outcome)
    {
        if (_written)
        {
            throw new InvalidOperationException($"the reliability row of {_test} was already written");
        }

        _written = true;
        var row = new JsonObject
        {
            ["area"] = _area,
            ["fault"] = _fault,
            ["cases"] = Cases,
            ["outcome"] = outcome,
            ["result"] = result,
            ["test"] = _test,
            ["seconds"] = Math.Round(_clock.Elapsed.TotalSeconds, 1),
        };
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var line = row.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        lock (s_append)
        {
            File.AppendAllText(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"records-{Environment.ProcessId}.jsonl")), line);
        }
    }
}
