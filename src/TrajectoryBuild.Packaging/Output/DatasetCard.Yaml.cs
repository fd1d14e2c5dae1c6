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
            var format = Format(config);
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
            text.Append("- config_name: ").Append(Quote(config.Config)).Append('\n');
            if (Features(config) is { } features)
            {
                text.Append("  features:\n");
                Fields(text, features.Fields, "  ");
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

    /// <summary>
    /// The format the card's <c>configs</c> point at for <paramref name="config"/>: one per config (the Hub would load both
    /// if both were listed), Parquet when written, else JSONL.
    /// </summary>
    /// <param name="config">The config.</param>
    /// <returns>Its format on the card.</returns>
    public static ShardFileFormat Format(ShardSet config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Shards.Any(s => s.Format == ShardFileFormat.Parquet) ? ShardFileFormat.Parquet : ShardFileFormat.Jsonl;
    }

    /// <summary>
    /// The <c>features</c> the card declares for <paramref name="config"/>, as a struct of its columns. Parquet: each
    /// column's Parquet type (objects and arrays are JSON text, <c>string</c>). JSONL: each column's type as the rows hold
    /// it (<see cref="ShardColumn.Shape"/>), or null — no <c>features</c>, <c>datasets</c> infers them — when a column's
    /// shape is not fixed.
    /// </summary>
    /// <param name="config">The config.</param>
    /// <returns>The declared features, or null when none are declared (also for a config without rows).</returns>
    public static ShardFeature? Features(ShardSet config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Columns.Count == 0)
        {
            return null;
        }

        if (Format(config) == ShardFileFormat.Parquet)
        {
            return ShardFeature.Struct(config.Columns.Select(c => new KeyValuePair<string, ShardFeature>(c.Name, ShardFeature.Value(Dtype(c.Type)))));
        }

        return config.Columns.All(c => c.Shape is { IsFixed: true })
            ? ShardFeature.Struct(config.Columns.Select(c => new KeyValuePair<string, ShardFeature>(c.Name, c.Shape!)))
            : null;
    }

    internal static string Dtype(ShardColumnType type) => type switch
    {
        ShardColumnType.Flag => "bool",
        ShardColumnType.WholeNumber => "int64",
        ShardColumnType.RealNumber => "float64",
        _ => "string",
    };

    // Hugging Face's YAML feature syntax (Features._to_yaml_list): named entries, each `dtype: <value>`,
    // `list: <dtype>` / `list:` + entries (a list of structs) / `list:` + a nested type, or `struct:` + entries.
    private static void Fields(StringBuilder text, IReadOnlyList<KeyValuePair<string, ShardFeature>> fields, string indent)
    {
        foreach (var (name, feature) in fields)
        {
            text.Append(indent).Append("- name: ").Append(Quote(name)).Append('\n');
            TypeKeys(text, feature, indent + "  ");
        }
    }

    private static void TypeKeys(StringBuilder text, ShardFeature feature, string indent)
    {
        switch (feature.Kind)
        {
            case ShardFeatureKind.Value:
                text.Append(indent).Append("dtype: ").Append(Quote(feature.Dtype!)).Append('\n');
                break;
            case ShardFeatureKind.List when feature.Item!.Kind == ShardFeatureKind.Value:
                text.Append(indent).Append("list: ").Append(Quote(feature.Item.Dtype!)).Append('\n');
                break;
            case ShardFeatureKind.List when feature.Item.Kind == ShardFeatureKind.Struct:
                text.Append(indent).Append("list:\n");
                Fields(text, feature.Item.Fields, indent);
                break;
            case ShardFeatureKind.List:
                text.Append(indent).Append("list:\n");
                TypeKeys(text, feature.Item, indent + "  ");
                break;
            case ShardFeatureKind.Struct:
                text.Append(indent).Append("struct:\n");
                Fields(text, feature.Fields, indent);
                break;
            default:
                throw new InvalidOperationException($"A feature that is not fixed cannot be declared: {feature}.");
        }
    }

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
