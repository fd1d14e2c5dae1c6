using System.Text;
using TrajectoryBuild.Packaging.Corpora;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Packaging.Tests.Corpora;

namespace TrajectoryBuild.Packaging.Tests.Output;

/// <summary>Shards of real corpus rows (four hand-built records, two splits, two rows per shard) for the card and Croissant tests.</summary>
internal static class CorpusShards
{
    /// <summary>The feature type of every row's <c>provenance</c> object, as <see cref="ShardFeature"/> prints it.</summary>
    public const string Provenance =
        "struct<trajectory_id: string, task_id: string, repo: string, commit: string, image_digest: string, verifier_digest: string, "
        + "trajectory_digest: string, scaffold: string, model: string, action_rendering: string>";

    /// <summary>The corpora whose JSONL rows have fixed shapes, with those shapes (<c>P</c> stands for <see cref="Provenance"/>).</summary>
    public static TheoryData<CorpusFormat, string> JsonlShapes => new()
    {
        { CorpusFormat.ShareGpt, "struct<conversations: list<struct<from: string, value: string>>, system: string, tools: string, provenance: P>" },
        { CorpusFormat.KtoLlamaFactory, "struct<messages: list<struct<content: string, role: string>>, label: bool, provenance: P>" },
        { CorpusFormat.Prm, "struct<prompt: string, completions: list<string>, labels: list<bool>, provenance: P>" },
        {
            CorpusFormat.Stepwise,
            "struct<trajectory_id: string, task_id: string, prompt: string, steps: list<struct<step: int64, text: string, label: int64, score: float64, source: string>>, "
            + "outcome: struct<reward: int64, resolved: bool, fail_to_pass: int64, pass_to_pass: int64, evidence: string>, failure_class: string, rules_version: int64, provenance: P>"
        },
    };

    /// <summary>Each corpus with the column types of its Parquet files: JSON text for objects and arrays.</summary>
    public static TheoryData<CorpusFormat, string> ParquetColumns => new()
    {
        { CorpusFormat.ShareGpt, "struct<conversations: string, system: string, tools: string, provenance: string>" },
        { CorpusFormat.OpenAi, "struct<messages: string, tools: string, provenance: string>" },
        { CorpusFormat.Dpo, "struct<prompt: string, chosen: string, rejected: string, tools: string, provenance: string>" },
        { CorpusFormat.Kto, "struct<prompt: string, completion: string, label: bool, tools: string, provenance: string>" },
        { CorpusFormat.KtoLlamaFactory, "struct<messages: string, label: bool, provenance: string>" },
        { CorpusFormat.Prm, "struct<prompt: string, completions: string, labels: string, provenance: string>" },
        { CorpusFormat.Stepwise, "struct<trajectory_id: string, task_id: string, prompt: string, steps: string, outcome: string, failure_class: string, rules_version: int64, provenance: string>" },
    };

    private static readonly PackageRecord[] s_records =
        [Records.Typical("t1"), Records.Typical("t2", resolved: false), Records.Typical("t3", resolved: false), Records.Typical("t4", task: "demo__calc-2")];

    /// <summary>Writes <paramref name="format"/>'s rows of the records under <paramref name="root"/> in the given file formats.</summary>
    public static Task<ShardSet> WriteAsync(string root, CorpusFormat format, params ShardFileFormat[] files)
    {
        var rows = CorpusRows.Build(format, s_records, new CorpusOptions(ActionRendering.Native))
            .Select((row, index) => new ShardRow(index % 2 == 0 ? "train" : "test", $"r{index:D3}", Encoding.UTF8.GetBytes(CorpusJson.Line(row))));
        return ShardWriter.WriteAsync(root, CorpusNames.Name(format), rows, new ShardOptions(2, files), TestContext.Current.CancellationToken);
    }
}
