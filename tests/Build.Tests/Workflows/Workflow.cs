using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>A workflow file as GitHub reads it: YAML (1.2 core scalars) turned into JSON, with its text for line checks.</summary>
internal sealed partial record Workflow(string Name, string Text, JsonObject Root)
{
    public JsonObject Jobs => Root["jobs"]!.AsObject();

    public IEnumerable<(string Job, JsonObject Step)> Steps =>
        Jobs.SelectMany(job => job.Value!["steps"]!.AsArray().Select(step => (job.Key, step!.AsObject())));

    public static Workflow Parse(string name, string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = Convert(stream.Documents.Single().RootNode) as JsonObject
            ?? throw new InvalidDataException($"{name}: the document is not a mapping");
        return new Workflow(name, text, root);
    }

    public static Workflow Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    /// <summary>The committed workflows: every pipelines/*.yml.</summary>
    public static IReadOnlyList<Workflow> Committed() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "pipelines"), "*.yml").Order(StringComparer.Ordinal).Select(Load)];

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType}"),
    };

    // Only plain scalars resolve to other types, as in YAML 1.2's core schema (GitHub reads `on` as a string).
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when IntegerPattern().IsMatch(value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
            _ when FloatPattern().IsMatch(value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(value),
        };
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
