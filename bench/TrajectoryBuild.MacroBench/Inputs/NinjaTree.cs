using System.Globalization;
using System.Text;
using TrajectoryBuild.MacroBench.Pipeline;

namespace TrajectoryBuild.MacroBench.Inputs;

/// <summary>
/// The ninja equivalent of a bench workspace: a <c>build.ninja</c> with the same edges (4 per task + 2: mine, reproduce,
/// rollout, capture, evaluate, package) over the same files (the task file, one input file per task row, one output per
/// edge), every output present, newer than its inputs and in <c>.ninja_log</c> with its command's hash, so
/// <c>ninja -n</c> finds all of it up to date, as after a real build. Writing the log instead of running ninja once
/// saves 4 process starts per task; the benchmark checks that ninja agrees (<c>ninja: no work to do.</c>).
/// <see cref="Touch"/> changes the same task as the changed manifest, for the one-change comparison.
/// </summary>
internal sealed record NinjaTree(string Folder, int Tasks)
{
    private const string Version = "1";
    private const string ReadyFile = "ready.txt";

    // Fixed times (whole seconds: every file system stores them exactly): inputs, outputs, a changed input.
    private static readonly DateTime s_inputs = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime s_outputs = s_inputs.AddHours(1);
    private static readonly DateTime s_changed = s_inputs.AddHours(2);

    public long Edges => BenchPipeline.TargetCount(Tasks);

    /// <summary>The tree of <paramref name="tasks"/> tasks, generated now if it is not yet.</summary>
    public static NinjaTree Ensure(string work, int tasks, TextWriter log)
    {
        var folder = Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"ninja-{tasks}-g{TaskFile.GeneratorVersion}.{Version}"));
        var tree = new NinjaTree(folder, tasks);
        if (File.Exists(Path.Combine(folder, ReadyFile)))
        {
            tree.Touch(changed: false);
            return tree;
        }

        log.WriteLine($"ninja: generating {tasks:N0} tasks ({tree.Edges:N0} edges) at {folder} ...");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        tree.Generate();
        File.WriteAllText(Path.Combine(folder, ReadyFile), "generated\n");
        return tree;
    }

    /// <summary>The edges <c>ninja -n</c> must list after <see cref="Touch"/>: the changed task's chain, mine and package.</summary>
    public static int AffectedEdges => BenchPipeline.TargetsPerTask + 2;

    /// <summary>Sets the changed task's input file and the task file newer than their outputs, or back.</summary>
    public void Touch(bool changed)
    {
        var time = changed ? s_changed : s_inputs;
        File.SetLastWriteTimeUtc(Path.Combine(Folder, "tasks.jsonl"), time);
        File.SetLastWriteTimeUtc(Path.Combine(Folder, InputOf(TaskFile.ChangedIndex(Tasks))), time);
    }

    private static string InputOf(int task) => $"tasks/{TaskFile.InstanceId(task)}.json";

    private void Generate()
    {
        foreach (var sub in (string[])["tasks", "out/mine", "out/reproduce", "out/rollout", "out/capture", "out/evaluate", "out/package"])
        {
            Directory.CreateDirectory(Path.Combine(Folder, sub));
        }

        TaskFile.Write(Path.Combine(Folder, "tasks.jsonl"), Tasks);
        var rows = File.ReadLines(Path.Combine(Folder, "tasks.jsonl")).ToList();
        using var ninja = new StreamWriter(Path.Combine(Folder, "build.ninja"), append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        using var ninjaLog = new StreamWriter(Path.Combine(Folder, ".ninja_log"), append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        ninjaLog.WriteLine("# ninja log v5");
        foreach (var rule in (string[])["mine", "reproduce", "rollout", "capture", "evaluate", "package"])
        {
            ninja.WriteLine($"rule {rule}\n  command = touch $out\n  description = {rule.ToUpperInvariant()} $out");
        }

        var inputs = new List<string> { "tasks.jsonl" };
        var outputs = new List<string>();
        void Edge(string rule, string output, string deps)
        {
            ninja.WriteLine($"build {output}: {rule} {deps}");
            outputs.Add(output);
            var hash = MurmurHash64A.Hash(Encoding.UTF8.GetBytes($"touch {output}"));
            ninjaLog.WriteLine(string.Create(CultureInfo.InvariantCulture, $"0\t1\t{NinjaTime(s_outputs)}\t{output}\t{hash:x}"));
        }

        Edge("mine", "out/mine/bench.json", "tasks.jsonl");
        var evaluations = new StringBuilder();
        for (var i = 0; i < Tasks; i++)
        {
            var id = TaskFile.InstanceId(i);
            var input = InputOf(i);
            File.WriteAllText(Path.Combine(Folder, input), rows[i] + "\n");
            inputs.Add(input);
            Edge("reproduce", $"out/reproduce/{id}.json", input);
            Edge("rollout", $"out/rollout/{id}.json", $"out/reproduce/{id}.json");
            Edge("capture", $"out/capture/{id}.json", $"out/rollout/{id}.json");
            Edge("evaluate", $"out/evaluate/{id}.json", $"out/capture/{id}.json out/reproduce/{id}.json");
            evaluations.Append(" out/evaluate/").Append(id).Append(".json");
        }

        Edge("package", "out/package/bench.json", "out/mine/bench.json" + evaluations);
        foreach (var input in inputs)
        {
            File.SetLastWriteTimeUtc(Path.Combine(Folder, input), s_inputs);
        }

        foreach (var output in outputs)
        {
            var path = Path.Combine(Folder, output);
            File.WriteAllText(path, "{}\n");
            File.SetLastWriteTimeUtc(path, s_outputs);
        }
    }

    // ninja 1.10+ logs mtimes as nanoseconds since the epoch.
    private static long NinjaTime(DateTime time) => (time - DateTime.UnixEpoch).Ticks * 100;
}
