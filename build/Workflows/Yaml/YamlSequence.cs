namespace Build.Workflows.Yaml;

/// <summary>A sequence; null items are left out (optional steps).</summary>
internal sealed class YamlSequence(params YamlNode?[] items) : YamlNode
{
    public IReadOnlyList<YamlNode> Items { get; } = [.. items.Where(i => i is not null).Select(i => i!)];

    public static YamlSequence Of(IEnumerable<string> items) => new([.. items.Select(i => (YamlNode)i)]);
}
