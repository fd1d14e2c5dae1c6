namespace Build.Workflows.Yaml;

/// <summary>A mapping that keeps its keys in the order given; a null value leaves its key out (optional entries).</summary>
internal sealed class YamlMap(params (string Key, YamlNode? Value)[] entries) : YamlNode
{
    public IReadOnlyList<(string Key, YamlNode Value)> Entries { get; } =
        [.. entries.Where(e => e.Value is not null).Select(e => (e.Key, e.Value!))];

    /// <summary>A blank line between entries (the top level and the jobs), for people reading the file.</summary>
    public bool Spaced { get; init; }
}
