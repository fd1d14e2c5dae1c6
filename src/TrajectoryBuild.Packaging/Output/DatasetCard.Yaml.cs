using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.Packaging.Output;

public static partial class DatasetCard
{
    private static readonly JsonSerializerOptions s_quote = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void FrontMatter(StringBuilder text, DatasetCardOptions options, IReadOnlyList<ShardSet> configs)
    {
        var inv = CultureInfo.InvariantCulture;
        text.Append("---\n");
        text.Append("license: ").Append(Quote(string.IsNullOrWhiteSpace(options.License) ? "other" : options.License.Trim().ToLowerInvariant())).Append('\n');
        text.Append("pretty_name: ").Append(Quote(options.PrettyName ?? options.Dataset)).Append('\n');
        List(text, "task_categories", options.TaskCategories);
        List(text, "size_categories", [SizeCategory(configs.Count == 0 ? 0 : configs.Max(c => c.TotalRows))]);
        List(text, "tags", options.Tags);
        text.Append("configs:\n");
        foreach (var config in configs)
        {
            // One format per config: the Hub would load both if both were listed. Parquet when written.
            var format = config.Shards.Any(s => s.Format == ShardFileFormat.Parquet) ? ShardFileFormat.Parquet : ShardFileFormat.Jsonl;
            text.Append("- config_name: ").Append(Quote(config.Config)).Append('\n');
            if (config == configs[0])
            {
                text.Append("  default: true\n");
            }

            text.Append("  data_files:\n");
            foreach (var (split, _) in config.SplitRows)
            {
                text.Append("  - split: ").Append(Quote(split)).Append('\n')
                    .Append("    path: ").Append(Quote($"data/{config.Config}/{split}-*.{ShardWriter.Extension(format)}")).Append('\n');
            }
        }

        text.Append("dataset_info:\n");
        foreach (var config in configs)
        {
            text.Append("- config_name: ").Append(Quote(config.Config)).Append('\n').Append("  features:\n");
            foreach (var column in config.Columns)
            {
                text.Append("  - name: ").Append(Quote(column.Name)).Append('\n').Append("    dtype: ").Append(Dtype(column.Type)).Append('\n');
            }

            text.Append("  splits:\n");
            foreach (var (split, rows) in config.SplitRows)
            {
                var bytes = config.Shards.Where(s => s.Split == split && s.Format == ShardFileFormat.Jsonl).Sum(s => s.File.Bytes);
                text.Append("  - name: ").Append(Quote(split)).Append('\n');
                text.Append(inv, $"    num_examples: {rows}\n");
                if (bytes > 0)
                {
                    text.Append(inv, $"    num_bytes: {bytes}\n");
                }
            }
        }

        text.Append("---\n\n");
    }

    internal static string Dtype(ShardColumnType type) => type switch
    {
        ShardColumnType.Flag => "bool",
        ShardColumnType.WholeNumber => "int64",
        ShardColumnType.RealNumber => "float64",
        _ => "string",
    };

    private static void List(StringBuilder text, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            text.Append(key).Append(": []\n");
            return;
        }

        text.Append(key).Append(":\n");
        foreach (var value in values)
        {
            text.Append("- ").Append(Quote(value)).Append('\n');
        }
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value, s_quote);
}
