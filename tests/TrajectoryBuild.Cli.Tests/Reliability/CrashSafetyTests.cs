using System.Globalization;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.State;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests.Reliability;

/// <summary>
/// SIGKILL at 20 seeded random points of a real trajbuild-test build, each followed by the same build again: it always
/// resumes to the lock and outputs of an uninterrupted build, byte for byte, and no kill leaves a readable partial cache
/// entry. Half the kills come at a random time of a build whose file syscalls strace slows down (each pwrite64, fsync
/// and rename waits 1 ms first, so most of the build is spent inside writes of blobs, entries and the lock, and a kill
/// usually lands in the middle of one); the other half after a random number of targets started, plus a random delay
/// (mid-plan, mid-target, while recording).
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int Seed = 20261124;
    private const int Kills = 20;
    private const int StepMs = 20;
    private const int PaddingKb = 128; // blobs written in several chunks, so a kill can land between two of them
    private const string FileSyscalls = "pwrite64,fsync,rename";
    private const int SyscallDelayUs = 1000;
    private const int TargetCount = TestBuildProcesses.SixTaskTargets;
    private static readonly TestManifest s_manifest = TestBuildProcesses.SixTasks;
    private readonly TempDirectory _temp = new();
    private readonly TestBuildProcesses _builds;

    public CrashSafetyTests() => _builds = new TestBuildProcesses(_temp, s_manifest, PaddingKb);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_KilledAtTwentyRandomPoints_AlwaysResumesToTheOutputsOfAnUninterruptedBuild()
    {
        var slowed = await TimeSlowedBuildAsync();
        await _builds.ReferenceAsync();
        using var row = ReliabilityRecord.Start(
            "Crash safety",
            $"SIGKILL of a real trajbuild process at a seeded random point (seed {Seed}), then the same build again: half at 0-{slowed.TotalMilliseconds * 0.9:F0} ms "
            + $"into a build whose file syscalls ({FileSyscalls}) strace delays by {SyscallDelayUs / 1000.0:F1} ms each (so mostly mid-write), half after 0-{TargetCount - 1} "
            + $"of {TargetCount} targets started +0-{StepMs + 20} ms; 1 or 2 jobs, {PaddingKb} KiB written per target");
        var random = new Random(Seed);
        var finishedCounts = new List<int>();
        for (var i = 0; i < Kills; i++)
        {
            var jobs = (1 + random.Next(2)).ToString(CultureInfo.InvariantCulture);
            var workspace = _builds.Workspace($"kill-{i}");
            var trace = _temp.Combine($"trace-kill-{i}");
            string point;
            if (i % 2 == 0)
            {
                var atMs = random.Next((int)(slowed.TotalMilliseconds * 0.9));
                point = $"kill {i}: {atMs} ms into a slowed build, {jobs} jobs";
                using var child = _builds.StartUnder(SlowFileSyscalls(), workspace, trace, 0, "--jobs", jobs);
                await Task.Delay(atMs, TestContext.Current.CancellationToken);
                KillTracee(child);
                await child.WaitAsync(TestBuildProcesses.Timeout);
            }
            else
            {
                var started = random.Next(TargetCount);
                var extraMs = random.Next(StepMs + 20);
                point = $"kill {i}: after {started} targets started + {extraMs} ms, {jobs} jobs";
                using var child = _builds.Start(workspace, trace, StepMs, "--jobs", jobs);
                await TestBuildProcesses.WaitForExecutionsAsync(trace, started, child);
                await Task.Delay(extraMs, TestContext.Current.CancellationToken);
                child.KillHard();
                await child.WaitAsync(TestBuildProcesses.Timeout);
            }

            var finished = CacheConsistency.CompleteTargets(Path.Combine(workspace, ".trajbuild", "cache"));
            LockFile.Read(Path.Combine(workspace, "datasets.lock")).Entries.Keys.ShouldBeSubsetOf(finished, $"{point}: the lock names only finished targets");
            finishedCounts.Add(finished.Count);

            var resumeTrace = _temp.Combine($"trace-resume-{i}");
            using (var resume = _builds.Start(workspace, resumeTrace, stepMs: 0))
            {
                (await resume.WaitAsync(TestBuildProcesses.Timeout)).ShouldBe(0, $"{point}\n{resume.Stdout}{resume.Stderr}");
            }

            var rerun = TestBuildProcesses.Executions(resumeTrace);
            rerun.Intersect(finished).ShouldBeEmpty($"{point}: a finished target ran again");
            rerun.Count.ShouldBe(TargetCount - finished.Count, point);
            await _builds.ShouldMatchReferenceAsync(workspace, context: point);
            Directory.Delete(workspace, recursive: true);
            row.Case();
        }

        // The points really spread over the build: some kills before anything finished, some near its end.
        finishedCounts.Min().ShouldBeLessThanOrEqualTo(2, string.Join(", ", finishedCounts));
        finishedCounts.Max().ShouldBeGreaterThanOrEqualTo(TargetCount - 4, string.Join(", ", finishedCounts));
        row.Passed("every resumed build ran only the unfinished targets and ended with the lock and all outputs byte-identical to an uninterrupted build; "
            + $"after every kill each cache entry was complete and the lock named only finished targets ({finishedCounts.Min()}-{finishedCounts.Max()} of {TargetCount} had finished)");
    }

    // strace follows the build's threads and delays each file syscall as it enters it; its own output goes nowhere.
    private static string[] SlowFileSyscalls() =>
        ["strace", "-f", "-qq", "-o", "/dev/null", "-e", $"trace={FileSyscalls}", "-e", $"inject={FileSyscalls}:delay_enter={SyscallDelayUs}"];

    // SIGKILL to the build itself, held in a delayed syscall: killing strace first would let it finish that syscall.
    private static void KillTracee(ChildProcess strace)
    {
        var list = $"/proc/{strace.Id}/task/{strace.Id}/children";
        var children = File.Exists(list) ? File.ReadAllText(list).Split(' ', StringSplitOptions.RemoveEmptyEntries) : []; // gone: it finished first
        foreach (var pid in children)
        {
            using var build = System.Diagnostics.Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture));
            build.Kill();
        }
    }

    // How long an uninterrupted slowed build takes, so the kills spread over all of it.
    private async Task<TimeSpan> TimeSlowedBuildAsync()
    {
        if (!File.Exists("/usr/bin/strace"))
        {
            Requires.SkipOrFailInCi("strace is not installed (apt-get install -y strace)", ".ci/run installs strace");
        }

        var workspace = _builds.Workspace("timed");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var child = _builds.StartUnder(SlowFileSyscalls(), workspace, _temp.Combine("trace-timed"), 0))
        {
            var code = await child.WaitAsync(TestBuildProcesses.Timeout);
            if (code != 0 && child.Stderr.Contains("ptrace", StringComparison.Ordinal))
            {
                Requires.SkipOrFailInCi($"strace cannot trace here: {child.Stderr.Trim()}", "CI runs as root, where strace may trace its children");
            }

            code.ShouldBe(0, child.Stdout + child.Stderr);
        }

        await _builds.ShouldMatchReferenceAsync(workspace, context: "the slowed build");
        Directory.Delete(workspace, recursive: true);
        return clock.Elapsed;
    }
}
