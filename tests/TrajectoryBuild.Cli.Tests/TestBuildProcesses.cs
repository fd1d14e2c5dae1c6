using System.Globalization;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>
/// Builds of one test manifest by trajbuild-test as real child processes (to kill, interrupt or run side by side), each
/// in a workspace folder of <paramref name="temp"/>, with a trace of the targets each execution ran; every target also
/// writes <paramref name="paddingKb"/> KiB of padding when it is above 0 (long writes, a disk that fills midway).
/// </summary>
internal sealed class TestBuildProcesses(TempDirectory temp, TestManifest manifest, int paddingKb = 0)
{
    /// <summary>How many targets <see cref="SixTasks"/> has: 1 Collect + 6 Checkout + 6 Check + 1 Summarize.</summary>
    public const int SixTaskTargets = 14;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>A test manifest of six tasks, long enough to be killed, filled or raced in the middle.</summary>
    public static readonly TestManifest SixTasks = new()
    {
        Tasks = [("t1", "1111111"), ("t2", "2222222"), ("t3", "3333333"), ("t4", "4444444"), ("t5", "5555555"), ("t6", "6666666")],
    };

    private (string Lock, SortedDictionary<string, byte[]> Outputs)? _reference;

    /// <summary>A folder with the manifest in it.</summary>
    public string Workspace(string name)
    {
        var dir = temp.Combine(name);
        Directory.CreateDirectory(dir);
        manifest.WriteTo(dir);
        return dir;
    }

    /// <summary><c>trajbuild-test build</c> in <paramref name="workspace"/>; each target waits <paramref name="stepMs"/> first.</summary>
    public ChildProcess Start(string workspace, string trace, int stepMs, params string[] args) => StartUnder(null, workspace, trace, stepMs, args);

    /// <summary><see cref="Start"/> run by <paramref name="launcher"/> (a program and its arguments, e.g. strace).</summary>
    public ChildProcess StartUnder(IReadOnlyList<string>? launcher, string workspace, string trace, int stepMs, params string[] args) =>
        ChildProcess.Start(
            "trajbuild-test",
            ["build", "--manifest", Path.Combine(workspace, "datasets.yaml"), .. args.Length == 0 ? ["--jobs", "1"] : args],
            workspace,
            new Dictionary<string, string>
            {
                ["TRAJBUILD_TEST_STEP_MS"] = stepMs.ToString(CultureInfo.InvariantCulture),
                ["TRAJBUILD_TEST_TRACE"] = trace,
                ["TRAJBUILD_TEST_PADDING_KB"] = paddingKb.ToString(CultureInfo.InvariantCulture),
            },
            launcher);

    /// <summary>The targets executed so far under <paramref name="trace"/>, in order, by every process that wrote there.</summary>
    public static List<string> Executions(string trace)
    {
        var file = Path.Combine(trace, "executed.txt");
        return File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Length > 0).ToList() : [];
    }

    public static async Task WaitForExecutionsAsync(string trace, int count, ChildProcess child)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (Executions(trace).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"fewer than {count} executions.\n{child.Stdout}\n{child.Stderr}");
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The lock and every output of one uninterrupted build (made once).</summary>
    public async Task<(string Lock, SortedDictionary<string, byte[]> Outputs)> ReferenceAsync()
    {
        if (_reference is { } made)
        {
            return made;
        }

        var reference = Workspace("reference");
        using (var child = Start(reference, temp.Combine("trace-reference"), stepMs: 0))
        {
            (await child.WaitAsync(Timeout)).ShouldBe(0, child.Stdout + child.Stderr);
        }

        _reference = Result(reference);
        return _reference.Value;
    }

    /// <summary>The lock of a build in <paramref name="workspace"/> (default state folder) and every output it names.</summary>
    public static (string Lock, SortedDictionary<string, byte[]> Outputs) Result(string workspace, string? stateDirectory = null)
    {
        var lockPath = Path.Combine(workspace, "datasets.lock");
        return (File.ReadAllText(lockPath), BuiltOutputs.All(lockPath, Path.Combine(stateDirectory ?? Path.Combine(workspace, ".trajbuild"), "cache")));
    }

    /// <summary>Asserts that a build ended with the reference's lock and outputs, byte for byte.</summary>
    public async Task ShouldMatchReferenceAsync(string workspace, string? stateDirectory = null, string? context = null)
    {
        var (expectedLock, expectedOutputs) = await ReferenceAsync();
        var (actualLock, actualOutputs) = Result(workspace, stateDirectory);
        actualLock.ShouldBe(expectedLock, context);
        actualOutputs.Keys.ShouldBe(expectedOutputs.Keys, context);
        foreach (var (name, bytes) in expectedOutputs)
        {
            actualOutputs[name].ShouldBe(bytes, $"{context}: {name}");
        }
    }
}
