using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Reproduction.Tests.Stages;

/// <summary>
/// Stage 2 against broken and hostile tasks, with each executor: Docker (hermetic) and local (the host's toolchain).
/// Each must end its task with the specified reason and leave the host and the other tasks unharmed. A task stopped by a
/// limit (processes, memory, time, output) is an infrastructure failure; a test that fails on what the sandbox refuses
/// (network, writes outside the workspace) is reported as the infrastructure's, and so is the rejection it causes.
/// </summary>
public sealed partial class HostileTaskTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _temp.Dispose();

        // Only ever there when a run escaped (the test then fails): leave the host as it was.
        foreach (var planted in HostileTasks.EscapeTargets.Where(File.Exists))
        {
            File.Delete(planted);
        }
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("local")]
    public async Task Build_BrokenAndHostileTasks_EachEndsWithItsReasonAndTheGoodOneIsAccepted(string executor)
    {
        await RequiresExecutorAsync(executor);
        var docker = executor == "docker";
        var fence = docker
            ? "in a container (network none, unprivileged, limits 512m memory and 64 pids, 8 s timeout)"
            : $"on the host ({LocalTaskExecutor.Isolation}: 512m memory and 64 processes, 8 s timeout)";
        (string Task, string Fault)[] hostile =
        [
            ("fork-bomb", "forks without end (a bash fork bomb)"),
            ("memory-hog", "allocates without end (3 GiB, touched)"),
            ("hang", "loops without end (a busy loop)"),
            ("huge-output", "writes output without end (past pytest's capture)"),
            ("network", "tries the network (a TCP connection to 1.1.1.1:80)"),
            ("offline", "needs the network for its only FAIL_TO_PASS test (a TCP connection to 1.1.1.1:443 before its check)"),
            ("escape", $"tries to write outside its workspace ({string.Join(", ", HostileTasks.EscapeTargets)})"),
        ];
        var rows = hostile.ToDictionary(h => h.Task, h => ReliabilityRecord.Start("Hostile tasks", $"{executor} executor: a task whose test {h.Fault}, run {fence} beside 9 other tasks"));
        try
        {
            var (report, options) = await BuildAsync(executor, stabilityRuns: 1, ["good", "bad-gold", .. hostile.Select(h => h.Task), "configured"]);
            foreach (var row in rows.Values)
            {
                row.Case();
            }

            report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
            var good = Validation(report, options, "good");
            good["accepted"]!.GetValue<bool>().ShouldBeTrue(good.ToJsonString());
            Tests(good, "FAIL_TO_PASS").ShouldBe(["tests/test_good.py::test_answer"]);
            Tests(good, "PASS_TO_PASS").ShouldBe(["tests/test_good.py::test_stable"]);
            good["execution"]!["executor"]!.GetValue<string>().ShouldBe(executor);
            good["execution"]!["hermetic"]!.GetValue<bool>().ShouldBe(docker);
            Rejection(report, options, "bad-gold").ShouldBe(("no-fail-to-pass", "task", "no test fails (or is absent) before the gold patch and passes after it"));

            // Stopped by a limit: each is an infrastructure failure, with the limit that stopped it in the detail.
            Rejection(report, options, "hang").ShouldBe(("suite-did-not-run", "infrastructure", "before run: the log cannot be graded (tests-timed-out)"));
            Rejection(report, options, "fork-bomb").ShouldBe(("suite-did-not-run", "infrastructure", "before run: the log cannot be graded (tests-timed-out)"));
            HostileTasks.BombProcesses().ShouldBe(0, "no fork-bomb process may outlive its task");

            // Stopped at the output limit (1 MiB), long before the timeout (which would say tests-timed-out).
            Rejection(report, options, "huge-output").ShouldBe(("suite-did-not-run", "infrastructure", "before run: the log cannot be graded (output-truncated)"));

            // Docker kills the hog (out of memory, an infrastructure failure); locally ulimit -v makes the allocation
            // fail (MemoryError), which is the test failing in both runs: the task's fault, as for any failing test.
            Rejection(report, options, "memory-hog").ShouldBe(docker
                ? ("suite-did-not-run", "infrastructure", "before run: the log cannot be graded (out-of-memory)")
                : ("no-fail-to-pass", "task", "no test fails (or is absent) before the gold patch and passes after it"));

            // Refused by the fence, not stopped by a limit: the hostile test fails in both runs, so it is in neither list;
            // it is reported as refused (an infrastructure failure of that test), and the task's real fix still counts.
            var network = Validation(report, options, "network");
            network["accepted"]!.GetValue<bool>().ShouldBeTrue(network.ToJsonString());
            Tests(network, "FAIL_TO_PASS").ShouldBe(["tests/test_network.py::test_answer"]);
            Tests(network, "PASS_TO_PASS").ShouldBeEmpty();
            Refusals(network).ShouldBe(["after network tests/test_network.py::test_download", "before network tests/test_network.py::test_download"]);
            NetworkEvidence().IsMatch(network["sandbox_refusals"]![0]!["evidence"]!.GetValue<string>()).ShouldBeTrue(network.ToJsonString());

            // The only FAIL_TO_PASS test fails on the network after the gold patch too: the task cannot be judged here,
            // which is the infrastructure's failure, not the task's.
            var offline = Validation(report, options, "offline");
            Rejection(report, options, "offline").ShouldBe(("sandbox-refused", "infrastructure",
                "after the gold patch, tests failed on what the sandbox refuses: the network (tests/test_offline.py::test_answer); without them: no test fails (or is absent) before the gold patch and passes after it"));
            Refusals(offline).ShouldBe(["after network tests/test_offline.py::test_answer", "before network tests/test_offline.py::test_answer"]);

            // Every write outside the workspace failed, in both runs (the test checks it and passes), and none reached the
            // host; the test that writes without checking fails on it, reported as refused.
            var escape = Validation(report, options, "escape");
            escape["accepted"]!.GetValue<bool>().ShouldBeTrue(escape.ToJsonString());
            Tests(escape, "FAIL_TO_PASS").ShouldBe(["tests/test_escape.py::test_answer"]);
            Tests(escape, "PASS_TO_PASS").ShouldBe(["tests/test_escape.py::test_outside"]);
            Refusals(escape).ShouldBe(["after outside-workspace tests/test_escape.py::test_plant", "before outside-workspace tests/test_escape.py::test_plant"]);
            escape["sandbox_refusals"]![0]!["evidence"]!.GetValue<string>().ShouldContain("Permission denied: '/etc/trajbuild_escape'");
            HostileTasks.EscapeTargets.Where(File.Exists).ShouldBeEmpty();

            // The task's install_config gives the install line (the marker file the test reads) and the test command.
            var configured = Validation(report, options, "configured");
            configured["accepted"]!.GetValue<bool>().ShouldBeTrue(configured.ToJsonString());
            Tests(configured, "FAIL_TO_PASS").ShouldBe(["tests/test_configured.py::test_answer"]);
            configured["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ShouldContain("install_config: asks for Python 3.9; the environment's Debian bookworm has Python 3.11");

            var summary = BuiltOutputs.ReadText(report, options.CacheDirectory, ReproduceStage.DatasetTarget("hostile"), ValidationSummary.ReportTextFile);
            summary.ShouldStartWith("Validation report for dataset hostile: 10 tasks, 4 reproduced, ");
            SummaryRefusal().IsMatch(summary).ShouldBeTrue(summary);
            if (!docker)
            {
                summary.ShouldContain("not hermetic");
            }

            const string Beside = "; the good task beside it accepted, the others with their own verdicts";
            rows["fork-bomb"].Passed($"stopped by the {(docker ? "pids limit" : "process ulimit")} and the timeout: rejected as an infrastructure failure (suite-did-not-run: tests-timed-out); no bomb process left on the host{Beside}");
            rows["memory-hog"].Passed(docker
                ? $"OOM-killed at the 512m memory limit: rejected as an infrastructure failure (suite-did-not-run: out-of-memory){Beside}"
                : $"the allocation failed under ulimit -v (MemoryError), so the test failed in both runs: rejected as the task's fault (no-fail-to-pass), not as infrastructure{Beside}");
            rows["hang"].Passed($"stopped by the 8 s timeout: rejected as an infrastructure failure (suite-did-not-run: tests-timed-out){Beside}");
            rows["huge-output"].Passed($"stopped once its output passed the 1 MiB limit, before the timeout: rejected as an infrastructure failure (suite-did-not-run: output-truncated){Beside}");
            rows["network"].Passed($"refused (no network): the connecting test failed in both runs, is in neither list and is reported as refused by the sandbox (network: [Errno 101] Network is unreachable); the task's real fix was accepted{Beside}");
            rows["offline"].Passed($"refused (no network) before and after the gold patch: rejected as an infrastructure failure (sandbox-refused), not the task's no-fail-to-pass; the test reported as refused in both runs{Beside}");
            rows["escape"].Passed($"every write refused (an unprivileged user{(docker ? ", nothing of the host mounted" : "")}): the test's own check passed in both runs; the test that writes without checking failed on EACCES and is reported as refused by the sandbox (outside-workspace); the task was accepted; none of the files exists on the host{Beside}");
        }
        finally
        {
            foreach (var row in rows.Values)
            {
                row.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("local")]
    public async Task Build_RandomTest_IsFlakyDroppedFromBothListsAndReported(string executor)
    {
        await RequiresExecutorAsync(executor);

        // A fair coin agrees with itself in all 6 runs of one side with chance 1/32, on both sides 1/1024.
        var (report, options) = await BuildAsync(executor, stabilityRuns: 6, "flaky");

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        var flaky = Validation(report, options, "flaky");
        flaky["accepted"]!.GetValue<bool>().ShouldBeTrue(flaky.ToJsonString());
        Tests(flaky, "flaky").ShouldBe(["tests/test_flaky.py::test_coin"]);
        Tests(flaky, "FAIL_TO_PASS").ShouldBe(["tests/test_flaky.py::test_answer"]);
        BuiltOutputs.ReadText(report, options.CacheDirectory, ReproduceStage.DatasetTarget("hostile"), ValidationSummary.ReportTextFile)
            .ShouldContain("flaky (dropped from both lists): hostile__box-flaky: tests/test_flaky.py::test_coin");
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("local")]
    public async Task Build_TasksThatFillTheDisk_AreStoppedAtTheDiskLimitAsInfrastructureFailures(string executor)
    {
        await RequiresExecutorAsync(executor);
        var docker = executor == "docker";

        // Where the runs' writes land: the engine's root folder (a local engine), or the temp folder the local runs are in.
        var disk = docker ? (await DockerRootAsync()) : Path.GetTempPath();
        if (disk is null)
        {
            Requires.SkipOrFailInCi("the engine's root folder is not on this host (a remote engine): its free space cannot be watched from here", ".ci/run runs its own dockerd");
            return;
        }

        var fence = docker ? "in a container" : $"on the host ({LocalTaskExecutor.Isolation})";
        using var hog = ReliabilityRecord.Start("Hostile tasks", $"{executor} executor: a task whose test writes 10 MB files without end, run {fence} with a 64 MiB disk limit and a 20 s timeout, beside a good task");
        using var huge = ReliabilityRecord.Start("Hostile tasks", $"{executor} executor: a task whose test writes one file without end (and goes on trying once refused), run {fence} with a 64 MiB disk limit and a 20 s timeout, beside a good task");
        HostileTasks.Write(_temp.Combine("tasks"), "good", "disk-hog", "huge-file");
        var free = new DriveInfo(disk);
        var before = free.AvailableFreeSpace;
        var lowest = before;
        using var measuring = new CancellationTokenSource();
        var measure = Task.Run(async () =>
        {
            while (!measuring.IsCancellationRequested)
            {
                lowest = Math.Min(lowest, new DriveInfo(disk).AvailableFreeSpace);
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);
        var (report, options) = await BuildAsync(executor, stabilityRuns: 1, timeoutSeconds: 20, extraLimits: "\n      disk: 64m");
        await measuring.CancelAsync();
        await measure;
        hog.Case();
        huge.Case();

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        var good = Validation(report, options, "good");
        good["accepted"]!.GetValue<bool>().ShouldBeTrue(good.ToJsonString());
        Rejection(report, options, "disk-hog").ShouldBe(("suite-did-not-run", "infrastructure", "before run: the log cannot be graded (disk-limit)"));
        Rejection(report, options, "huge-file").ShouldBe(("suite-did-not-run", "infrastructure", "before run: the log cannot be graded (disk-limit)"));

        // The file stopped at the per-file limit exactly (EFBIG is errno 27), before the disk watch stopped the run.
        BuiltOutputs.ReadLog(report, options.CacheDirectory, "Reproduce/hostile__box-huge-file").ShouldContain($"{HostileTasks.HugeFileRefused} 27 {64 * 1024 * 1024}\n");
        foreach (var task in (string[])["disk-hog", "huge-file"])
        {
            // Each run's line in the target's log: "--- before, run 1: exit 137 in 1.2 s, stopped at the disk limit".
            var runs = RunLines().Matches(BuiltOutputs.ReadLog(report, options.CacheDirectory, $"Reproduce/hostile__box-{task}"));
            runs.ShouldNotBeEmpty();
            runs.ShouldAllBe(run => run.Groups["stopped"].Value == ", stopped at the disk limit" && double.Parse(run.Groups["seconds"].Value, CultureInfo.InvariantCulture) < 10,
                $"{task}: each run stopped at the disk limit, long before its 20 s timeout");
        }

        // Two runs at once (--jobs 2), each stopped soon after 64 MiB: far from what 20 s of writing would take.
        var used = before - lowest;
        used.ShouldBeLessThan(1024L * 1024 * 1024, $"the host's free space on {disk} fell by {used / (1024 * 1024)} MiB at the lowest");
        var mib = Math.Max(0, used) / (1024 * 1024);
        hog.Passed($"stopped soon after it passed the 64 MiB limit ({(docker ? "the container's writable layer, watched through the engine" : "what it added to its run folder, watched by the build")}): rejected as an infrastructure failure (suite-did-not-run: disk-limit), long before the timeout; the host's free disk fell by {mib} MiB at the most during the build (bound 1 GiB); the good task beside it accepted");
        huge.Passed($"the file stopped growing at the 64 MiB per-file limit ({(docker ? "the container's fsize ulimit" : "ulimit -f")}), then the run was stopped at the disk limit: rejected as an infrastructure failure (suite-did-not-run: disk-limit); the good task beside it accepted");
    }

    [Fact]
    public async Task Build_LocalIntruderBesideAGoodRun_ReachesNothingOfItAndEachRunHasItsOwnUid()
    {
        RequiresLocal.Pytest();
        if (OperatingSystem.IsWindows() || !LocalIsolation.Host.OwnUsers)
        {
            Requires.SkipOrFailInCi($"local runs get a uid of their own only when the build runs as root with util-linux unshare and setpriv; here: {LocalIsolation.Host.Description}", ".ci/run runs as root with util-linux");
            return;
        }

        using var row = ReliabilityRecord.Start("Hostile tasks", "local executor: a task whose test tries to read and write the worktree and HOME of another task's run going on at the same time (given their paths), and any folder under the temp root, beside that good task");
        // Not at the top of the temp folder: what a run leaves in the shared folders is removed when it gives its uid back
        // (LocalRunUids.Sweep), and the two runs meet here through files that must outlive the run that wrote them.
        var rendezvous = Directory.CreateDirectory(_temp.Combine("fence-rendezvous"));
        try
        {
            // Both runs' uids must be able to meet here: open to all, like /tmp.
            File.SetUnixFileMode(rendezvous.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit);
            HostileTasks.Write(_temp.Combine("tasks"), FenceTasks.Create(rendezvous.FullName, Path.TrimEndingDirectorySeparator(Path.GetTempPath())));

            var (report, options) = await BuildAsync("local", stabilityRuns: 1, timeoutSeconds: 120, extraLimits: "");
            row.Case();

            report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
            var neighbour = Validation(report, options, FenceTasks.Neighbour);
            neighbour["accepted"]!.GetValue<bool>().ShouldBeTrue(neighbour.ToJsonString());
            Tests(neighbour, "FAIL_TO_PASS").ShouldBe(["tests/test_neighbour.py::test_answer"]);
            Tests(neighbour, "PASS_TO_PASS").ShouldBe(["tests/test_neighbour.py::test_untouched"], "the neighbour's worktree and HOME must be as it left them, in both runs");
            var intruder = Validation(report, options, FenceTasks.Intruder);
            intruder["accepted"]!.GetValue<bool>().ShouldBeTrue(intruder.ToJsonString());
            Tests(intruder, "PASS_TO_PASS").ShouldBe(["tests/test_intruder.py::test_intrude"], "every read and write of the other run's folder must fail, and no folder but its own and those open to all be writable, in both runs");
            foreach (var phase in (string[])["before", "after"])
            {
                var uids = FenceTasks.Roles.Select(role => int.Parse(File.ReadAllText(Path.Combine(rendezvous.FullName, $"uid-{role}-{phase}")), CultureInfo.InvariantCulture)).ToList();
                uids.Distinct().Count().ShouldBe(2, $"the two runs {phase} the gold patch ran as uids {string.Join(" and ", uids)}");
                uids.ShouldAllBe(uid => uid >= LocalRunUids.FirstUid && uid < LocalRunUids.FirstUid + LocalRunUids.Slots);
            }

            row.Passed("each run ran as a uid of its own (2,000,000,000 and up), in a folder only that uid can enter: every read and write of the other run's worktree and HOME failed and no folder under the temp root but its own and those open to all was writable, in both runs; the good task's files were unchanged and it was accepted, and so was the intruder's real fix");
        }
        finally
        {
            rendezvous.Delete(recursive: true);
        }
    }

    internal static async Task RequiresExecutorAsync(string executor)
    {
        if (executor == "docker")
        {
            await Requires.DockerAsync();
        }
        else
        {
            RequiresLocal.Pytest();
        }
    }

    /// <summary>The engine's root folder (where writable layers are), when it is a folder of this host; else null.</summary>
    private static async Task<string?> DockerRootAsync()
    {
        using var engine = DockerEngine.FromEnvironment();
        var root = (await engine.Client.System.GetSystemInfoAsync(TestContext.Current.CancellationToken)).DockerRootDir;
        return !string.IsNullOrEmpty(root) && Directory.Exists(root) && engine.Endpoint.Scheme == "unix" ? root : null;
    }

    private Task<(BuildReport Report, BuildOptions Options)> BuildAsync(string executor, int stabilityRuns, params string[] tasks)
    {
        HostileTasks.Write(_temp.Combine("tasks"), tasks);
        return BuildAsync(executor, stabilityRuns, timeoutSeconds: 8, extraLimits: "");
    }

    /// <summary>Builds stage 2 of the tasks written in tasks/, with a timeout and extra lines under limits (each "\n      key: value").</summary>
    private async Task<(BuildReport Report, BuildOptions Options)> BuildAsync(string executor, int stabilityRuns, int timeoutSeconds, string extraLimits)
    {
        var manifestPath = _temp.Combine("datasets.yaml");
        await File.WriteAllTextAsync(manifestPath, $$"""
            version: 1
            sources:
              hostile:
                kind: local
                path: tasks
            environments:
              python:
                executor: {{executor}}
                install_config: use
                base:
                  suite: bookworm
                  packages: [python3-pytest]
                test:
                  command: python3 -m pytest -rA -p no:cacheprovider
                  parser: pytest
                  timeout_seconds: {{timeoutSeconds}}
                limits:
                  memory: 512m
                  pids: 64{{extraLimits}}
            verification:
              grading:
                stability_runs: {{stabilityRuns}}
            datasets:
              hostile:
                sources: [hostile]
            """, TestContext.Current.CancellationToken);
        var manifest = ManifestLoader.Load(manifestPath).Document.ShouldNotBeNull();
        var options = BuildOptions.ForManifest(manifestPath) with { Jobs = 2 };
        var pipeline = new Pipeline([new MineStage(), new CloneStage(), new EnvironmentStage(), new ReproduceStage()]);
        return (await new BuildEngine(pipeline, manifest, options).BuildAsync(TestContext.Current.CancellationToken), options);
    }

    private static JsonNode Validation(BuildReport report, BuildOptions options, string task) =>
        JsonNode.Parse(BuiltOutputs.ReadText(report, options.CacheDirectory, $"Reproduce/hostile__box-{task}", ReproduceStage.ReportFile))!;

    private static (string Reason, string Kind, string Detail) Rejection(BuildReport report, BuildOptions options, string task)
    {
        var validation = Validation(report, options, task);
        validation["accepted"]!.GetValue<bool>().ShouldBeFalse(validation.ToJsonString());
        var rejection = validation["rejection"]!;
        return (rejection["reason"]!.GetValue<string>(), rejection["kind"]!.GetValue<string>(), rejection["detail"]!.GetValue<string>());
    }

    [GeneratedRegex(@"^--- (before|after), run \d+: exit -?\d+ in (?<seconds>[0-9.]+) s(?<stopped>.*)$", RegexOptions.Multiline)]
    private static partial Regex RunLines();

    private static List<string> Tests(JsonNode validation, string list) => [.. validation[list]!.AsArray().Select(t => t!.GetValue<string>())];

    // "run kind test" of each refusal the report lists, in its order.
    private static List<string> Refusals(JsonNode validation) =>
        [.. validation["sandbox_refusals"]!.AsArray().Select(r => $"{r!["run"]!.GetValue<string>()} {r["kind"]!.GetValue<string>()} {r["test"]?.GetValue<string>() ?? "(the run)"}")];

    [GeneratedRegex(@"^  refused by the sandbox \(an infrastructure failure of the test, in neither list\): \S+: network, after the gold patch: tests/test_network\.py::test_download \(.*Network is unreachable\)$", RegexOptions.Multiline)]
    private static partial Regex SummaryRefusal();

    [GeneratedRegex(@"^\[Errno 101\] Network is unreachable$")]
    private static partial Regex NetworkEvidence();
}
