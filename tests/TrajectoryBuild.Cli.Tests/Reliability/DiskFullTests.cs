using System.Globalization;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests.Reliability;

/// <summary>
/// A real full disk: the state folder (cache and target outputs), the lock file's folder or a show --out folder on a
/// small tmpfs. The target (or command) that could not write fails with the path and "No space left on device", nothing
/// crashes or hangs, the cache stays consistent, and once there is room the same build resumes to the outputs of a clean
/// build. Root only (mount); skipped with the reason elsewhere, failed under CI=true.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private const string NoSpace = "No space left on device";
    private const int TargetCount = TestBuildProcesses.SixTaskTargets;
    private static readonly TestManifest s_manifest = TestBuildProcesses.SixTasks;
    private readonly TempDirectory _temp = new();
    private readonly TestBuildProcesses _builds;

    public DiskFullTests() => _builds = new TestBuildProcesses(_temp, s_manifest);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_StateFolderOnAFullTmpfs_FailsTheTargetNamingThePath_AndResumesOnceThereIsRoom()
    {
        RequireTmpfs();
        await _builds.ReferenceAsync();
        using var row = ReliabilityRecord.Start(
            "Disk full",
            "state folder (cache, target outputs) on a real tmpfs: out of space at 16, 48, 96 and 160 KiB (1 job); out of inodes at 34 and 41 (--keep-going, 2 jobs)");
        (int Kib, int? Inodes, string[] Args)[] cases =
        [
            (16, null, ["--jobs", "1"]), (48, null, ["--jobs", "1"]), (96, null, ["--jobs", "1"]), (160, null, ["--jobs", "1"]),
            (1024, 34, ["--jobs", "2", "--keep-going"]), (1024, 41, ["--jobs", "2", "--keep-going"]),
        ];
        foreach (var (kib, inodes, args) in cases)
        {
            var what = $"{kib} KiB, {inodes?.ToString(CultureInfo.InvariantCulture) ?? "any"} inodes";
            var workspace = _builds.Workspace($"full-{kib}-{inodes}");
            var state = Path.Combine(workspace, "state");
            using var disk = Tmpfs.Mount(state, kib, inodes);
            using (var full = _builds.Start(workspace, _temp.Combine($"trace-full-{kib}-{inodes}"), 0, [.. args, "--state-dir", state]))
            {
                (await full.WaitAsync(TimeSpan.FromSeconds(60))).ShouldBe(1, $"{what}\n{full.Stdout}{full.Stderr}");
                full.Stderr.ShouldNotContain("Unhandled exception", Case.Sensitive, what);
                full.Stdout.ShouldContain($"FAILED", Case.Sensitive, what);
                var failure = full.Stdout.Split('\n').First(l => l.Contains("FAILED", StringComparison.Ordinal));
                failure.ShouldContain($"{NoSpace} : '{state}/", Case.Sensitive, what);
            }

            var finished = CacheConsistency.CompleteTargets(Path.Combine(state, "cache"));
            disk.Resize(64 * 1024);
            await ResumeAsync(workspace, state, finished, what);
            row.Case();
        }

        row.Passed("each build failed (exit 1) on the target that could not write, with \"No space left on device : '<path>'\", no crash or hang; "
            + "every cache entry stayed complete; after the tmpfs grew, the same build ran only the rest and matched a clean build byte for byte");
    }

    [Fact]
    public async Task Build_LockFileOnAFullTmpfs_SaysItCouldNotRecord_AndTheNextBuildRecordsFromTheCache()
    {
        RequireTmpfs();
        await _builds.ReferenceAsync();
        using var row = ReliabilityRecord.Start("Disk full", "the manifest's folder (datasets.lock) on a real 4 KiB tmpfs that the manifest fills");
        var workspace = _temp.Combine("full-lock");
        using var disk = Tmpfs.Mount(workspace, 4);
        s_manifest.WriteTo(workspace);
        var state = _temp.Combine("full-lock-state");
        using (var full = _builds.Start(workspace, _temp.Combine("trace-full-lock"), 0, "--state-dir", state))
        {
            (await full.WaitAsync(TestBuildProcesses.Timeout)).ShouldBe(1, full.Stdout + full.Stderr);
            full.Stderr.ShouldStartWith($"error: could not record the build in {workspace}/datasets.lock and {state}: {NoSpace} : '{workspace}/");
            full.Stderr.ShouldContain("run the same command again");
            full.Stderr.ShouldNotContain("Unhandled exception");
        }

        var finished = CacheConsistency.CompleteTargets(Path.Combine(state, "cache"));
        finished.Count.ShouldBe(TargetCount);
        disk.Resize(1024);
        await ResumeAsync(workspace, state, finished, "lock");
        row.Case();
        row.Passed("exit 1 with \"error: could not record the build in <lock> ...: No space left on device ...; run the same command again\", no crash; "
            + "the next build with room restored every target from the cache and wrote the lock of a clean build");
    }

    [Fact]
    public async Task ShowOut_OntoAFullTmpfs_FailsNamingThePath()
    {
        RequireTmpfs();
        using var row = ReliabilityRecord.Start("Disk full", "show --out onto a real 8 KiB tmpfs (a target with 6 output files)");
        var workspace = _builds.Workspace("show");
        using (var build = _builds.Start(workspace, _temp.Combine("trace-show"), 0))
        {
            (await build.WaitAsync(TestBuildProcesses.Timeout)).ShouldBe(0);
        }

        var folder = _temp.Combine("show-out");
        using var disk = Tmpfs.Mount(folder, 8);
        using var show = ChildProcess.Start("trajbuild-test", ["show", "--manifest", Path.Combine(workspace, "datasets.yaml"), "Collect/local-demo", "--out", folder], workspace);

        (await show.WaitAsync(TestBuildProcesses.Timeout)).ShouldBe(1, show.Stdout + show.Stderr);
        show.Stderr.ShouldStartWith($"error: {NoSpace} : '{folder}/");
        show.Stderr.ShouldNotContain("Unhandled exception");
        row.Case();
        row.Passed("exit 1 with \"error: No space left on device : '<path>'\", no crash");
    }

    private async Task ResumeAsync(string workspace, string state, List<string> finished, string what)
    {
        var trace = _temp.Combine($"trace-resume-{Path.GetFileName(workspace)}");
        using var resume = _builds.Start(workspace, trace, 0, "--state-dir", state);
        (await resume.WaitAsync(TestBuildProcesses.Timeout)).ShouldBe(0, $"{what}\n{resume.Stdout}{resume.Stderr}");
        var rerun = TestBuildProcesses.Executions(trace);
        rerun.Intersect(finished).ShouldBeEmpty($"{what}: a finished target ran again");
        rerun.Count.ShouldBe(TargetCount - finished.Count, $"{what}: finished before {string.Join(", ", finished)}\n{resume.Stdout}");
        await _builds.ShouldMatchReferenceAsync(workspace, state, what);
    }

    private static void RequireTmpfs()
    {
        if (Tmpfs.Problem is { } problem)
        {
            Requires.SkipOrFailInCi($"cannot mount a tmpfs: {problem}", ".ci/run runs as root");
        }
    }
}
