using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Benchmarks;
using TrajectoryBuild.MacroBench.Runs;

namespace TrajectoryBuild.MacroBench.Tests;

/// <summary>
/// CI's smoke run of every macro benchmark, through the same code as the timed sizes but tiny (100 tasks, 500
/// trajectories, one run each): benchmarks are not tests, but this keeps them working and their JSON as documented.
/// </summary>
public sealed class MacroBenchSmokeTests
{
    [Fact(Timeout = 180_000)]
    public async Task RunAsync_TinySizes_WritesEveryResultFileWithCheckedFigures()
    {
        Requires.Program(File.Exists(ProcessTimer.GnuTime) ? ProcessTimer.GnuTime : null, "GNU time is not installed", ".ci/run installs time");
        Requires.Program(NginxServer.Program, "nginx is not installed", ".ci/run installs nginx");
        var ninja = PlanRuns.FindOnPath("ninja") is not null;
        using var temp = new TempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] sizes = ["--tasks", "100", "--scaling", "100,200", "--cache-targets", "100", "--trajectories", "500", "--iterations", "1", "--warmup", "0"];
        string[] paths = ["--out", temp.Combine("out"), "--work", temp.Combine("work"), "--root", RepositoryRoot.Path];

        var exit = await MacroBenchApp.RunAsync([.. sizes, .. paths, .. ninja ? Array.Empty<string>() : ["--no-ninja"]], stdout, stderr, TestContext.Current.CancellationToken);

        exit.ShouldBe(0, $"{stderr}\n{stdout}");
        var noOp = Read(temp, "plan-noop");
        noOp["results"]!["targets"]!.GetValue<long>().ShouldBe(402);
        noOp["results"]!["trajbuild"]!["median_seconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        noOp["results"]!["trajbuild"]!["peak_mb_max"]!.GetValue<double>().ShouldBeGreaterThan(10);
        noOp["machine"]!["cores"]!.GetValue<int>().ShouldBe(Environment.ProcessorCount);
        noOp["reproduce"]!.GetValue<string>().ShouldStartWith("dotnet run --project bench/TrajectoryBuild.MacroBench -c Release -- --benchmarks plan --tasks 100");
        var change = Read(temp, "plan-change");
        change["results"]!["affected_targets"]!.AsArray().Count.ShouldBe(6);
        change["results"]!["trajbuild_full"]!["median_seconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        TrajectoryBuild.MacroBench.Inputs.TaskFile.Write(temp.Combine("expected-tasks.jsonl"), 100);
        File.ReadAllBytes(Path.Combine(Directory.GetDirectories(temp.Combine("work"), "plan-100-*").ShouldHaveSingleItem(), "tasks.jsonl"))
            .ShouldBe(File.ReadAllBytes(temp.Combine("expected-tasks.jsonl")), "the change benchmark puts the edited task file back");
        if (ninja)
        {
            noOp["results"]!["ratio_trajbuild_to_ninja"]!.GetValue<double>().ShouldBeGreaterThan(0);
            change["results"]!["ninja"]!["median_seconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        }
        else
        {
            noOp["results"]!["ninja"]!.GetValue<string>().ShouldBe("skipped: --no-ninja");
        }

        var points = Read(temp, "scaling")["results"]!["points"]!.AsArray();
        points.Select(p => p!["tasks"]!.GetValue<int>()).ShouldBe([100, 200]);
        points.ShouldAllBe(p => p!["full_median_seconds"]!.GetValue<double>() > 0);
        noOp["results"]!["trajbuild_full"]!["command"]!.GetValue<string>().ShouldBe("trajbuild plan --no-stamp");
        var package = Read(temp, "package")["results"]!;
        package["trajectories"]!.GetValue<int>().ShouldBe(500);
        package["bytes_jsonl"]!.GetValue<long>().ShouldBeGreaterThan(1_000_000);
        package["bytes_parquet"]!.GetValue<long>().ShouldBeGreaterThan(100_000);
        // Both splits, as the Package stage writes them: one row per trajectory and corpus in all.
        var splits = package["rows_by_split"]!.AsObject();
        splits.Select(s => s.Key).ShouldBe(["test", "train"]);
        splits.Sum(s => s.Value!.GetValue<long>()).ShouldBe(1000);
        splits["test"]!.GetValue<long>().ShouldBeGreaterThan(0);
        package["median_mb_per_second"]!.GetValue<double>().ShouldBeGreaterThan(0);
        package["runs_memory_free_mb_before"]!.AsArray().ShouldAllBe(m => m!.GetValue<double>() > 0);
        var cache = Read(temp, "cache-restore")["results"]!;
        cache["targets"]!.GetValue<long>().ShouldBe(102);
        cache["local"]!["median_seconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        cache["nginx"]!["median_seconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        var table = await File.ReadAllTextAsync(temp.Combine("out", "macro.md"), TestContext.Current.CancellationToken);
        table.ShouldContain("| no-op plan: trajbuild | 100 tasks, 402 targets |");
        table.ShouldContain("| no-op plan in full (no stamp, no action index): trajbuild | 100 tasks, 402 targets |");
        table.ShouldContain("| cache restore: nginx on loopback | 102 targets |");
        table.ShouldContain("`cache-restore.json` (Restoring 102 cached targets): `dotnet run --project bench/TrajectoryBuild.MacroBench");
    }

    [Fact]
    public async Task Workspace_LeftWithTheEditedTaskFileByAKilledRun_HasTheOriginalBackBeforeAnyBenchmark()
    {
        using var temp = new TempDirectory();
        var folder = TrajectoryBuild.MacroBench.Inputs.Workspace.FolderOf(temp.Path, 10);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "ready.json"), """{"build_seconds": 1, "build_peak_mb": 1}""", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "tasks.jsonl"), "edited\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "tasks.jsonl.original"), "original\n", TestContext.Current.CancellationToken);

        await TrajectoryBuild.MacroBench.Inputs.Workspace.EnsureAsync(temp.Path, 10, TextWriter.Null, TestContext.Current.CancellationToken);

        (await File.ReadAllTextAsync(Path.Combine(folder, "tasks.jsonl"), TestContext.Current.CancellationToken)).ShouldBe("original\n");
        File.Exists(Path.Combine(folder, "tasks.jsonl.original")).ShouldBeFalse();
    }

    [Fact]
    public void Ninja_IsInstalledForTheComparison()
    {
        Requires.Program(PlanRuns.FindOnPath("ninja"), "ninja is not installed: the smoke run skipped the ninja -n comparison (apt-get install ninja-build)", ".ci/run installs ninja-build");
    }

    [Fact]
    public async Task MicroBench_Smoke_RunsEveryBenchmarkOnceAndWritesMicroJson()
    {
        using var temp = new TempDirectory();
        using var child = ChildProcess.Start("TrajectoryBuild.MicroBench", ["--smoke", "--out", temp.Path, "--root", RepositoryRoot.Path], temp.Path);

        var exit = await child.WaitAsync(TimeSpan.FromSeconds(110));

        exit.ShouldBe(0, $"{child.Stderr}\n{child.Stdout}");
        var results = Read(temp, "micro")["results"]!.AsObject();
        results.Select(r => r.Key).ShouldContain("KeyBenchmarks.KeyOf [Upstream=100000]");
        results.Select(r => r.Key).ShouldContain("ImporterBenchmarks.Import [Format=swe-agent]");
        results.Count.ShouldBe(12);
    }

    private static JsonNode Read(TempDirectory temp, string name)
    {
        var path = File.Exists(temp.Combine("out", $"{name}.json")) ? temp.Combine("out", $"{name}.json") : temp.Combine($"{name}.json");
        return JsonNode.Parse(File.ReadAllText(path))!;
    }
}
