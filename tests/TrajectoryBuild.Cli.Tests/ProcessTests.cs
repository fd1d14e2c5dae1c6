using System.Text.Json.Nodes;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>Real child processes: killed, interrupted, and run side by side on one workspace.</summary>
public sealed class ProcessTests : IDisposable
{
    private static readonly TestManifest s_manifest = TestBuildProcesses.SixTasks;
    private const int TargetCount = TestBuildProcesses.SixTaskTargets;
    private static readonly TimeSpan s_timeout = TestBuildProcesses.Timeout;
    private readonly TempDirectory _temp = new();
    private readonly TestBuildProcesses _builds;

    public ProcessTests() => _builds = new TestBuildProcesses(_temp, s_manifest);

    public void Dispose() => _temp.Dispose();

    // A process started in the background by a non-interactive shell ignores SIGINT, its children inherit that, and
    // .NET keeps an ignored SIGINT ignored: the child could not be interrupted, so the test would prove nothing.
    private static void SkipIfSigintIsIgnored()
    {
        const int Sigint = 2;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (Sigint - 1))) != 0)
        {
            Assert.Skip("SIGINT is ignored by this test process (started in the background by a shell), and so by its children; run the tests in the foreground");
        }
    }

    [Fact]
    public async Task Build_KilledWithSigkill_ResumesRunningOnlyUnfinishedTargets()
    {
        var workspace = Workspace("killed");
        var trace = _temp.Combine("trace-killed");
        using (var child = Build(workspace, trace, stepMs: 150))
        {
            await WaitForExecutionsAsync(trace, 5, child);
            child.KillHard();
            await child.WaitAsync(s_timeout);
        }

        var finished = AssertCacheHasNoPartialEntry(workspace);
        finished.Count.ShouldBeGreaterThanOrEqualTo(3);
        finished.Count.ShouldBeLessThan(TargetCount);

        var resumeTrace = _temp.Combine("trace-resumed");
        using (var resume = Build(workspace, resumeTrace, stepMs: 0))
        {
            (await resume.WaitAsync(s_timeout)).ShouldBe(0, resume.Stdout + resume.Stderr);
        }

        var rerun = Executions(resumeTrace);
        rerun.ShouldBeUnique();
        rerun.Intersect(finished).ShouldBeEmpty();
        rerun.Count.ShouldBe(TargetCount - finished.Count);
        File.ReadAllText(Path.Combine(workspace, "datasets.lock")).ShouldBe(await ReferenceLockAsync());
    }

    [Fact]
    public async Task Build_InterruptedWithSigint_RecordsFinishedTargetsAndSaysHowToResume()
    {
        SkipIfSigintIsIgnored();
        var workspace = Workspace("interrupted");
        var trace = _temp.Combine("trace-interrupted");
        using (var child = Build(workspace, trace, stepMs: 300))
        {
            await WaitForExecutionsAsync(trace, 3, child);
            child.Interrupt();
            (await child.WaitAsync(s_timeout)).ShouldBe(1, child.Stdout + child.Stderr);
            child.Stdout.ShouldContain("Interrupted: ");
            child.Stdout.ShouldContain("run the same command again to resume.");
        }

        var finished = AssertCacheHasNoPartialEntry(workspace);
        var locked = JsonNode.Parse(File.ReadAllText(Path.Combine(workspace, "datasets.lock")))!["targets"]!.AsObject().Select(p => p.Key).ToList();
        locked.ShouldBe(finished, ignoreOrder: true);

        var resumeTrace = _temp.Combine("trace-resumed");
        using var resume = Build(workspace, resumeTrace, stepMs: 0);
        (await resume.WaitAsync(s_timeout)).ShouldBe(0);
        Executions(resumeTrace).Intersect(finished).ShouldBeEmpty();
        File.ReadAllText(Path.Combine(workspace, "datasets.lock")).ShouldBe(await ReferenceLockAsync());
    }

    [Fact]
    public async Task Build_TwoProcessesOnOneWorkspace_RunEachTargetOnceAndAgree()
    {
        var workspace = Workspace("shared");
        var trace = _temp.Combine("trace-shared");

        using var first = Build(workspace, trace, stepMs: 100);
        using var second = Build(workspace, trace, stepMs: 100);
        var codes = await Task.WhenAll(first.WaitAsync(s_timeout), second.WaitAsync(s_timeout));

        codes.ShouldBe([0, 0], first.Stdout + first.Stderr + second.Stdout + second.Stderr);
        var executions = Executions(trace);
        executions.ShouldBeUnique();
        executions.Count.ShouldBe(TargetCount);
        AssertCacheHasNoPartialEntry(workspace).Count.ShouldBe(TargetCount);
        File.ReadAllText(Path.Combine(workspace, "datasets.lock")).ShouldBe(await ReferenceLockAsync());
    }

    private string Workspace(string name) => _builds.Workspace(name);

    private ChildProcess Build(string workspace, string trace, int stepMs) => _builds.Start(workspace, trace, stepMs);

    private async Task<string> ReferenceLockAsync() => (await _builds.ReferenceAsync()).Lock;

    private static List<string> Executions(string trace) => TestBuildProcesses.Executions(trace);

    private static Task WaitForExecutionsAsync(string trace, int count, ChildProcess child) => TestBuildProcesses.WaitForExecutionsAsync(trace, count, child);

    private static List<string> AssertCacheHasNoPartialEntry(string workspace) => CacheConsistency.CompleteTargets(Path.Combine(workspace, ".trajbuild", "cache"));
}
