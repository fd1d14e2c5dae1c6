using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>Checks a dataset card's YAML front matter against the keys and shapes the Hugging Face Hub reads.</summary>
public static class DatasetCardValidator
{
    private static readonly string[] s_sizeCategories =
        ["n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M", "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T", "n>1T"];

    private static readonly string[] s_dtypes = ["string", "bool", "int64", "float64", "int32", "float32"];

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

            var features = Maps(info, "features", errors, $"dataset_info '{name}': ");
            errors.AddRange(features.Where(f => Text(f, "name") is null || !s_dtypes.Contains(Text(f, "dtype"))).Select(f => $"dataset_info '{name}': feature '{Text(f, "name")}' needs a name and a known dtype"));
            var splits = Maps(info, "splits", errors, $"dataset_info '{name}': ");
            errors.AddRange(splits.Where(s => Text(s, "name") is null || !long.TryParse(Text(s, "num_examples"), out _)).Select(s => $"dataset_info '{name}': split '{Text(s, "name")}' needs a name and an integer num_examples"));
        }

        return errors;
    }

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
