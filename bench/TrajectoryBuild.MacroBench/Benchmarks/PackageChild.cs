using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Inputs;
using TrajectoryBuild.Packaging.Corpora;
using TrajectoryBuild.Packaging.Output;

namespace TrajectoryBuild.MacroBench.Benchmarks;

/// <summary>
/// The packaging child (<c>package-child ROOT COUNT OUT</c>): makes the records, then writes the ShareGPT and OpenAI
/// corpora as JSON Lines and Parquet shards with the Package stage's own code (<c>CorpusRows</c>, <c>CorpusJson</c>,
/// <c>ShardWriter</c>), timing that part alone; prints one JSON line.
/// </summary>
internal static class PackageChild
{
    public const string Command = "package-child";
    public const int ShardRows = 5_000;

    public static readonly IReadOnlyList<CorpusFormat> Formats = [CorpusFormat.ShareGpt, CorpusFormat.OpenAi];

    public static async Task<JsonObject> RunAsync(string root, int count, string output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var records = PackageCorpus.Make(root, count);
        var made = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var files = new List<WrittenFile>();
        foreach (var format in Formats)
        {
            var rows = CorpusRows.Build(format, records, new CorpusOptions()).Select(row => new ShardRow("train", RecordId(row), Encoding.UTF8.GetBytes(CorpusJson.Line(row))));
            var set = await ShardWriter.WriteAsync(output, CorpusNames.Name(format), rows, new ShardOptions(ShardRows, [ShardFileFormat.Jsonl, ShardFileFormat.Parquet]), cancellationToken).ConfigureAwait(false);
            files.AddRange(set.Shards.Select(s => s.File));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new JsonObject
        {
            ["records"] = records.Count,
            ["make_seconds"] = Math.Round(made, 3),
            ["package_seconds"] = Math.Round(seconds, 3),
            ["files"] = files.Count,
            ["bytes_jsonl"] = files.Where(f => f.Path.EndsWith(".jsonl", StringComparison.Ordinal)).Sum(f => f.Bytes),
            ["bytes_parquet"] = files.Where(f => f.Path.EndsWith(".parquet", StringComparison.Ordinal)).Sum(f => f.Bytes),
            ["bytes"] = files.Sum(f => f.Bytes),
            ["rows"] = files.Where(f => f.Path.EndsWith(".jsonl", StringComparison.Ordinal)).Sum(f => f.Rows),
        };
    }

    // As the Package stage: the trajectory id, or "chosen|rejected" for a preference pair.
    private static string RecordId(JsonObject row)
    {
        var provenance = row["provenance"]!;
        return provenance["trajectory_id"]?.GetValue<string>()
            ?? $"{provenance["chosen"]!["trajectory_id"]!.GetValue<string>()}|{provenance["rejected"]!["trajectory_id"]!.GetValue<string>()}";
    }
}
