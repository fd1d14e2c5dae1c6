using System.Diagnostics;
using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Inputs;
using TrajectoryBuild.MacroBench.Runs;
using TrajectoryBuild.Packaging;
using TrajectoryBuild.Packaging.Corpora;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.MacroBench.Benchmarks;

/// <summary>
/// The packaging child (<c>package-child ROOT COUNT OUT</c>): makes the records and writes each trajectory to a file
/// of its own, as the cache holds them (untimed); then, timed, writes the ShareGPT and OpenAI corpora as JSON Lines
/// and Parquet shards the way the Package stage does: the records in id order, each trajectory read back from its
/// file once for the rows of every corpus, through <c>CorporaWriter</c> (the Package stage's own writer), split by
/// repository as the manifest's default splits them (train and test, their rows interleaved).
/// Prints one JSON line, with the packaging's wall and CPU seconds (every thread of the process).
/// </summary>
internal static class PackageChild
{
    public const string Command = "package-child";
    public const int ShardRows = 5_000;

    public static readonly IReadOnlyList<CorpusFormat> Formats = [CorpusFormat.ShareGpt, CorpusFormat.OpenAi];

    public static async Task<JsonObject> RunAsync(string root, int count, string output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var inputs = output + ".trajectories";
        Directory.CreateDirectory(inputs);
        var records = new List<(string Task, Func<PackageRecord> Read)>(count);
        var repoOf = new Dictionary<string, string>(count, StringComparer.Ordinal);
        foreach (var record in PackageCorpus.Make(root, count))
        {
            var path = Path.Combine(inputs, record.TrajectoryId + ".json");
            await File.WriteAllBytesAsync(path, TrajectoryWriter.ToUtf8(record.Trajectory), cancellationToken).ConfigureAwait(false);
            var (id, resolved, reward, failure, provenance) = (record.TrajectoryId, record.Resolved, record.Reward, record.FailureClass, record.Provenance);
            repoOf.Add(id, provenance.Repo);
            records.Add((provenance.TaskId, () => new PackageRecord(id, TrajectoryReader.Read(File.ReadAllBytes(path).AsMemory()), resolved, reward, failure, provenance)));
        }

        // Split as the Package stage splits with the manifest's default: by repository, train 0.9 and test 0.1. Both
        // splits' rows come interleaved, in one id order, as the stage gives them.
        var splitOf = SplitAssigner.Assign(repoOf.Values.GroupBy(r => r, StringComparer.Ordinal).Select(g => new SplitUnitRows(g.Key, g.Count())), SplitOptions.Default);
        (string Split, string RecordId) SplitOf(JsonObject row)
        {
            var id = CorpusRows.RecordId(row);
            return (splitOf[repoOf[id]], id);
        }

        var made = clock.Elapsed.TotalSeconds;
        var free = Machine.MemoryFreeMb;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var sets = await CorporaWriter.WriteAsync(output, Formats, records, item => item.Task, item => item.Read(), SplitOf, new CorpusOptions(), new ShardOptions(ShardRows, [ShardFileFormat.Jsonl, ShardFileFormat.Parquet]), null, cancellationToken).ConfigureAwait(false);
        var files = sets.SelectMany(set => set.Shards.Select(s => s.File)).ToList();

        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Directory.Delete(inputs, recursive: true);
        return new JsonObject
        {
            ["records"] = records.Count,
            ["make_seconds"] = Math.Round(made, 3),
            ["package_seconds"] = Math.Round(seconds, 3),
            ["package_cpu_seconds"] = Math.Round(cpu, 3),
            ["memory_free_mb_before"] = Math.Round(free),
            ["files"] = files.Count,
            ["bytes_jsonl"] = files.Where(f => f.Path.EndsWith(".jsonl", StringComparison.Ordinal)).Sum(f => f.Bytes),
            ["bytes_parquet"] = files.Where(f => f.Path.EndsWith(".parquet", StringComparison.Ordinal)).Sum(f => f.Bytes),
            ["bytes"] = files.Sum(f => f.Bytes),
            ["rows"] = files.Where(f => f.Path.EndsWith(".jsonl", StringComparison.Ordinal)).Sum(f => f.Rows),
            ["rows_by_split"] = new JsonObject(sets.SelectMany(set => set.Shards).Where(s => s.Format == ShardFileFormat.Jsonl)
                .GroupBy(s => s.Split, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Sum(s => s.File.Rows)))),
        };
    }
}
