using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Checks a dataset card's YAML front matter against the keys and shapes the Hugging Face Hub reads, including the
/// nested feature syntax of <c>dataset_info.features</c> (<c>dtype</c>, <c>list</c>, <c>struct</c>), and — with the
/// output folder — the declared features and row counts against the files the card's <c>configs</c> point at.
/// </summary>
public static partial class DatasetCardValidator
{
    private static readonly string[] s_sizeCategories =
        ["n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M", "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T", "n>1T"];

    private static readonly string[] s_dtypes =
        ["null", "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64", "string", "large_string"];

    /// <summary>Parses the front matter (between the leading <c>---</c> lines) into plain maps, lists and strings.</summary>
    /// <param name="card">The card text.</param>
    /// <returns>The front matter, or null when the card has none or it is not a YAML mapping.</returns>
    public static IReadOnlyDictionary<object, object?>? FrontMatter(string card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!card.StartsWith("---\n", StringComparison.Ordinal))
        {
            return null;
        }

        var end = card.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        try
        {
            return new DeserializerBuilder().Build().Deserialize<object>(card[4..(end + 1)]) as Dictionary<object, object?>;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>Validates the card and lists every problem.</summary>
    /// <param name="card">The card text.</param>
    /// <returns>The problems; empty when the card is valid.</returns>
    public static IReadOnlyList<string> Validate(string card)
    {
        var front = FrontMatter(card);
        if (front is null)
        {
            return ["the card has no YAML front matter mapping between '---' lines"];
        }

        var errors = new List<string>();
        RequireString(front, "license", errors);
        RequireString(front, "pretty_name", errors);
        RequireStrings(front, "task_categories", errors, allowEmpty: false);
        RequireStrings(front, "tags", errors, allowEmpty: true);
        if (RequireStrings(front, "size_categories", errors, allowEmpty: false) is { } sizes)
        {
            errors.AddRange(sizes.Where(s => !s_sizeCategories.Contains(s)).Select(s => $"size_categories: '{s}' is not a Hub size category"));
        }

        var configs = Maps(front, "configs", errors);
        foreach (var (config, index) in configs.Select((c, i) => (c, i)))
        {
            var name = Text(config, "config_name") ?? $"#{index}";
            if (Text(config, "config_name") is null)
            {
                errors.Add($"configs[{index}]: config_name is missing");
            }

            var files = Maps(config, "data_files", errors, $"configs '{name}': ");
            errors.AddRange(files.Where(f => Text(f, "split") is null || Text(f, "path") is null).Select(_ => $"configs '{name}': every data_files entry needs split and path"));
        }

        var infos = Maps(front, "dataset_info", errors);
        foreach (var info in infos)
        {
            var name = Text(info, "config_name");
            if (name is null || configs.All(c => Text(c, "config_name") != name))
            {
                errors.Add($"dataset_info: config '{name}' is not in configs");
            }

            // features is optional: without it, datasets infers the types from the files.
            if (info.TryGetValue("features", out var features))
            {
                ParseFields(features, $"dataset_info '{name}': features", string.Empty, errors);
            }

            var splits = Maps(info, "splits", errors, $"dataset_info '{name}': ");
            errors.AddRange(splits.Where(s => Text(s, "name") is null || !long.TryParse(Text(s, "num_examples"), out _)).Select(s => $"dataset_info '{name}': split '{Text(s, "name")}' needs a name and an integer num_examples"));
        }

        return errors;
    }

    /// <summary>The features the card declares for <paramref name="config"/>, parsed as a struct of its columns.</summary>
    /// <param name="card">The card text.</param>
    /// <param name="config">The config name.</param>
    /// <returns>The features, or null when the config declares none or they are malformed.</returns>
    public static ShardFeature? Features(string card, string config)
    {
        var info = FrontMatter(card) is { } front && front.TryGetValue("dataset_info", out var infos) && infos is List<object?> list
            ? list.OfType<Dictionary<object, object?>>().FirstOrDefault(i => Text(i, "config_name") == config)
            : null;
        return info is not null && info.TryGetValue("features", out var features) ? ParseFields(features, "features", string.Empty, []) : null;
    }

    // Hugging Face's YAML feature syntax, as Features._from_yaml_list reads it: a list of entries, each a name and exactly one
    // type key; `dtype: <value dtype>`, `list: <value dtype>` or `list:` + entries (a list of structs) or `list:` + one type
    // key (a nested list), `struct:` + entries. Other keys (sequence, class_label, ...) are not what this card writes.
    private static ShardFeature? ParseFields(object? value, string where, string path, List<string> errors)
    {
        if (value is not List<object?> list || list.Count == 0 || list.Any(item => item is not Dictionary<object, object?>))
        {
            errors.Add($"{where}{At(path)}: a non-empty list of named features is required");
            return null;
        }

        var fields = new List<KeyValuePair<string, ShardFeature>>();
        var valid = true;
        foreach (var entry in list.Cast<Dictionary<object, object?>>())
        {
            var name = Text(entry, "name");
            if (string.IsNullOrEmpty(name))
            {
                errors.Add($"{where}{At(path)}: every feature needs a non-empty string name");
                valid = false;
                continue;
            }

            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            if (fields.Any(f => f.Key == name))
            {
                errors.Add($"{where}{At(fieldPath)}: declared twice");
                valid = false;
                continue;
            }

            var type = ParseType([.. entry.Where(pair => !Equals(pair.Key, "name"))], where, fieldPath, errors);
            valid &= type is not null;
            if (type is not null)
            {
                fields.Add(new(name, type));
            }
        }

        return valid ? ShardFeature.Struct(fields) : null;
    }

    private static ShardFeature? ParseType(List<KeyValuePair<object, object?>> keys, string where, string path, List<string> errors)
    {
        if (keys.Count != 1)
        {
            errors.Add($"{where}{At(path)}: exactly one of dtype, list or struct is required, found {(keys.Count == 0 ? "none" : string.Join(", ", keys.Select(k => k.Key)))}");
            return null;
        }

        var (key, value) = keys[0];
        switch (key as string)
        {
            case "dtype":
                return Dtype(value, where, path, errors);
            case "list" when value is string:
                return Dtype(value, where, path + "[]", errors) is { } item ? ShardFeature.List(item) : null;
            case "list" when value is List<object?>:
                return ParseFields(value, where, path + "[]", errors) is { } fields ? ShardFeature.List(fields) : null;
            case "list" when value is Dictionary<object, object?> nested:
                return ParseType([.. nested], where, path + "[]", errors) is { } inner ? ShardFeature.List(inner) : null;
            case "list":
                errors.Add($"{where}{At(path)}: list needs a dtype, a list of named features or one nested type");
                return null;
            case "struct":
                return ParseFields(value, where, path, errors);
            default:
                errors.Add($"{where}{At(path)}: '{key}' is not a supported feature type (dtype, list, struct)");
                return null;
        }
    }

    private static ShardFeature? Dtype(object? value, string where, string path, List<string> errors)
    {
        if (value is string dtype && s_dtypes.Contains(dtype))
        {
            return ShardFeature.Value(dtype);
        }

        errors.Add($"{where}{At(path)}: '{value ?? "(null)"}' is not a known dtype (a quoted string such as \"string\", \"int64\", \"null\")");
        return null;
    }

    private static string At(string path) => path.Length == 0 ? string.Empty : $" '{path}'";

    private static string? Text(IReadOnlyDictionary<object, object?> map, string key) => map.TryGetValue(key, out var value) ? value as string : null;

    private static void RequireString(IReadOnlyDictionary<object, object?> map, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Text(map, key)))
        {
            errors.Add($"{key}: a non-empty string is required");
        }
    }

    private static List<string>? RequireStrings(IReadOnlyDictionary<object, object?> map, string key, List<string> errors, bool allowEmpty)
    {
        if (!map.TryGetValue(key, out var value) || value is not List<object?> list || list.Any(item => item is not string) || (!allowEmpty && list.Count == 0))
        {
            errors.Add($"{key}: a list of strings is required{(allowEmpty ? string.Empty : " (at least one)")}");
            return null;
        }

        return [.. list.Cast<string>()];
    }

    private static List<Dictionary<object, object?>> Maps(IReadOnlyDictionary<object, object?> map, string key, List<string> errors, string prefix = "")
    {
        if (!map.TryGetValue(key, out var value) || value is not List<object?> list || list.Count == 0 || list.Any(item => item is not Dictionary<object, object?>))
        {
            errors.Add($"{prefix}{key}: a non-empty list of mappings is required");
            return [];
        }

        return [.. list.Cast<Dictionary<object, object?>>()];
    }
}
