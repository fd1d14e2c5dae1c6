using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Pipeline;
using TrajectoryBuild.MacroBench.Runs;

namespace TrajectoryBuild.MacroBench.Inputs;

/// <summary>
/// A built workspace of the bench pipeline: <c>datasets.yaml</c> over <c>tasks.jsonl</c> (N tasks), built once with
/// <c>trajbuild build</c> (the real engine: every target executed, cached and locked), so every target is FRESH; and
/// <c>changed/tasks.jsonl</c>, the task file with one task's commit changed, which the change benchmark swaps in (the
/// folder's manifest and lock copy are from the first version of the benchmark, which planned them). Kept under <c>artifacts/bench/workspaces/</c>, keyed by the generator versions and N: a rerun
/// reuses it (<c>ready.json</c> is written last).
/// </summary>
internal sealed record Workspace(string Folder, int Tasks, double BuildSeconds, double BuildPeakMb)
{
    public const string Manifest = "datasets.yaml";
    public const string ChangedFolder = "changed";
    private const string ReadyFile = "ready.json";
    private const string Version = "1";

    public long Targets => BenchPipeline.TargetCount(Tasks);

    public string StateDirectory => Path.Combine(Folder, ".trajbuild");

    private const string TasksFile = "tasks.jsonl";
    private const string OriginalTasksFile = "tasks.jsonl.original";

    /// <summary>The targets a plan after <see cref="SwapInChangedTasks"/> must find not fresh: the changed task's chain, its source's Mine and the Package.</summary>
    public IReadOnlyList<string> AffectedTargets
    {
        get
        {
            var id = TaskFile.InstanceId(TaskFile.ChangedIndex(Tasks));
            var task = new BenchTask("bench", id, string.Empty, string.Empty, string.Empty);
            return [MineStage.Target("bench"), $"Reproduce/{id}", $"Rollout/{task.Rollout}", $"Capture/{task.Rollout}", EvaluateStage.Target(task), "Package/dataset/bench"];
        }
    }

    /// <summary>Edits the workspace's task file as a user would: one task's commit changed (the original is kept beside it).</summary>
    public void SwapInChangedTasks()
    {
        File.Move(Path.Combine(Folder, TasksFile), Path.Combine(Folder, OriginalTasksFile));
        File.Copy(Path.Combine(Folder, ChangedFolder, TasksFile), Path.Combine(Folder, TasksFile));
    }

    /// <summary>Puts the original task file back after <see cref="SwapInChangedTasks"/> (a no-op when it is in place).</summary>
    public void RestoreTasks()
    {
        var original = Path.Combine(Folder, OriginalTasksFile);
        if (File.Exists(original))
        {
            File.Move(original, Path.Combine(Folder, TasksFile), overwrite: true);
        }
    }

    public static string ManifestText(string tasksFile) => $"""
        # The macro benchmark's manifest (generated): one swebench-style source, one dataset.
        version: 1
        sources:
          bench: {"{"}kind: swebench, path: {tasksFile}{"}"}
        environments:
          python-bookworm:
            base: {"{"}suite: bookworm{"}"}
            test: {"{"}command: python3 -m pytest -rA, parser: pytest{"}"}
        datasets:
          bench: {"{"}sources: [bench]{"}"}

        """;

    /// <summary>Where the workspace of <paramref name="tasks"/> tasks is kept under <paramref name="work"/>.</summary>
    public static string FolderOf(string work, int tasks) =>
        Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"plan-{tasks}-g{TaskFile.GeneratorVersion}.{Version}"));

    /// <summary>The workspace of <paramref name="tasks"/> tasks, built now if it is not yet.</summary>
    public static async Task<Workspace> EnsureAsync(string work, int tasks, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = FolderOf(work, tasks);
        var ready = Path.Combine(folder, ReadyFile);
        if (File.Exists(ready))
        {
            var json = JsonNode.Parse(await File.ReadAllTextAsync(ready, cancellationToken).ConfigureAwait(false))!;
            log.WriteLine($"workspace: {tasks:N0} tasks, built, at {folder}");
            var built = new Workspace(folder, tasks, json["build_seconds"]!.GetValue<double>(), json["build_peak_mb"]!.GetValue<double>());

            // A change benchmark killed with the edited task file in place: every benchmark plans the original.
            built.RestoreTasks();
            return built;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(folder, ChangedFolder));
        TaskFile.Write(Path.Combine(folder, "tasks.jsonl"), tasks);
        TaskFile.WriteChanged(Path.Combine(folder, ChangedFolder, "tasks.jsonl"), tasks);
        await File.WriteAllTextAsync(Path.Combine(folder, Manifest), ManifestText("tasks.jsonl"), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, ChangedFolder, Manifest), ManifestText("tasks.jsonl"), cancellationToken).ConfigureAwait(false);

        log.WriteLine($"workspace: building {tasks:N0} tasks ({BenchPipeline.TargetCount(tasks):N0} targets) with trajbuild build, once, at {folder} ...");
        var (file, args) = ProcessTimer.Trajbuild(["build", "-m", Manifest, "-j", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)]);
        var build = await ProcessTimer.RunCheckedAsync(file, args, folder, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"workspace: built in {build.Seconds:F1} s, peak {build.PeakMb:F0} MB");
        File.Copy(Path.Combine(folder, "datasets.lock"), Path.Combine(folder, ChangedFolder, "datasets.lock"));
        var workspace = new Workspace(folder, tasks, build.Seconds, build.PeakMb);
        var record = new JsonObject
        {
            ["tasks"] = tasks,
            ["targets"] = workspace.Targets,
            ["build_seconds"] = Math.Round(build.Seconds, 3),
            ["build_peak_mb"] = Math.Round(build.PeakMb, 1),
        };
        await File.WriteAllTextAsync(ready, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken).ConfigureAwait(false);
        return workspace;
    }
}
