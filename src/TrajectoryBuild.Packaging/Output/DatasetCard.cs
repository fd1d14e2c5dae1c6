using System.Globalization;
using System.Text;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Renders the Hugging Face dataset card (<c>README.md</c>): YAML front matter the Hub reads (<c>configs</c> with
/// <c>data_files</c>, <c>license</c>, <c>task_categories</c>, <c>size_categories</c>, <c>pretty_name</c>, <c>tags</c>,
/// <c>dataset_info</c>) and a markdown body. <c>dataset_info.features</c> are the types of the files <c>configs</c> points
/// at (<see cref="Features"/>): Parquet column types, or for JSONL the nested types the rows have — or none where a shape
/// is not fixed. Every YAML string is double-quoted with JSON escapes (valid YAML 1.2), so no value can change the
/// document's shape. LF line endings; deterministic for the same inputs.
/// </summary>
public static partial class DatasetCard
{
    /// <summary>The card's file name in the output folder.</summary>
    public const string FileName = "README.md";

    /// <summary>Renders the card.</summary>
    /// <param name="options">The card fields.</param>
    /// <param name="configs">Every config written, in the order to list them.</param>
    /// <returns>The card text.</returns>
    public static string Render(DatasetCardOptions options, IReadOnlyList<ShardSet> configs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configs);
        var text = new StringBuilder();
        FrontMatter(text, options, configs);
        Body(text, options, configs);
        return text.ToString();
    }

    /// <summary>The Hub size category for a row count: <c>n&lt;1K</c>, <c>1K&lt;n&lt;10K</c>, ... <c>n&gt;1T</c>.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <returns>The category string.</returns>
    public static string SizeCategory(long rows)
    {
        string[] names = ["1K", "10K", "100K", "1M", "10M", "100M", "1B", "10B", "100B", "1T"];
        if (rows < 1_000)
        {
            return "n<1K";
        }

        var bound = 1_000L;
        for (var index = 0; index < names.Length - 1; index++)
        {
            bound *= 10;
            if (rows < bound)
            {
                return $"{names[index]}<n<{names[index + 1]}";
            }
        }

        return "n>1T";
    }

    // What the front matter's features say for each config, and why.
    private static void Columns(StringBuilder text, IReadOnlyList<ShardSet> configs)
    {
        text.Append("\n## Columns\n\n");
        foreach (var config in configs)
        {
            var nested = config.Columns.Where(c => c.Type == ShardColumnType.Json).Select(c => $"`{c.Name}`").ToList();
            text.Append("- `").Append(config.Config).Append("` (").Append(Format(config) == ShardFileFormat.Parquet ? "Parquet" : "JSONL").Append("): ");
            if (config.Columns.Count == 0)
            {
                text.Append("no rows.\n");
            }
            else if (nested.Count == 0 && Features(config) is not null)
            {
                text.Append("flat columns, typed as declared in `features`.\n");
            }
            else if (Format(config) == ShardFileFormat.Parquet)
            {
                text.Append(string.Join(", ", nested)).Append(" hold each value's compact JSON text in a string column (declared `string`): decode them with `json.loads`.\n");
            }
            else if (Features(config) is not null)
            {
                text.Append(string.Join(", ", nested)).Append(" are nested JSON in the rows; `features` declares their list and struct types as every row has them.\n");
            }
            else
            {
                var free = config.Columns.SelectMany(c => c.Shape?.FreePositions(c.Name) ?? [(c.Name, "not inferred")]).Select(p => $"`{p.Path}` ({p.Reason})");
                text.Append("no `features` declared, since not every shape is fixed: ").Append(string.Join(", ", free)).Append("; `datasets` infers the types from the files.\n");
            }
        }
    }

    private static void Body(StringBuilder text, DatasetCardOptions options, IReadOnlyList<ShardSet> configs)
    {
        var inv = CultureInfo.InvariantCulture;
        text.Append("# ").Append(options.PrettyName ?? options.Dataset).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(options.Description))
        {
            text.Append(options.Description.Trim()).Append("\n\n");
        }

        text.Append("## How it was built\n\n")
            .Append("Built by TrajectoryBuild from agent trajectories on GitHub issues: tasks mined and reproduced in container images, ")
            .Append("rollouts by the declared scaffolds and models, outcomes from the verifier, process rewards and failure classes, ")
            .Append("then packaged into the configs below.\n\n");
        if (!string.IsNullOrWhiteSpace(options.BuildNotes))
        {
            text.Append(options.BuildNotes.Trim()).Append("\n\n");
        }

        text.Append("## Splits\n\nSplits are by repository (or task, as declared): no repository appears in two splits.\n\n")
            .Append("| config | split | rows | files |\n|---|---|---|---|\n");
        foreach (var config in configs)
        {
            foreach (var (split, rows) in config.SplitRows)
            {
                var files = config.Shards.Count(s => s.Split == split);
                text.Append(inv, $"| {config.Config} | {split} | {rows} | {files} |\n");
            }
        }

        Columns(text, configs);
        text.Append("\n## Provenance\n\n")
            .Append("`provenance.intoto.json` is an in-toto Statement with a SLSA v1 provenance predicate: its subjects are every ")
            .Append("file of this dataset with its SHA-256, its resolved dependencies the source snapshots, repository commits, ")
            .Append("image and verifier digests, scaffold and model versions and the annotation export. `croissant.json` holds ")
            .Append("Croissant 1.1 metadata with per-file digests. Every row carries its task id, commit, image digest, verifier ")
            .Append("digest and trajectory digest.\n");
        if (!string.IsNullOrWhiteSpace(options.Citation))
        {
            text.Append("\n## Citation\n\n```bibtex\n").Append(options.Citation.Trim()).Append("\n```\n");
        }
    }
}
