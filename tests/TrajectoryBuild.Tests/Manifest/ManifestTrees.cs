using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;

namespace TrajectoryBuild.Tests.Manifest;

/// The demo manifest as a JSON tree, and the walk and edits the generated-document tests make on it.
internal static class ManifestTrees
{
    private static readonly Lazy<JsonObject> s_demo = new(() =>
        new YamlJsonReader(Manifests.DemoPath).Read(File.ReadAllText(Manifests.DemoPath)).Root
            ?? throw new InvalidOperationException("the demo manifest does not read"));

    /// <summary>A fresh copy of the demo manifest's tree.</summary>
    public static JsonObject Demo() => (JsonObject)s_demo.Value.DeepClone();

    /// <summary>Every node under <paramref name="node"/> with its JSON pointer (as the reader builds them), parents first.</summary>
    public static IEnumerable<(string Pointer, JsonNode? Node)> Walk(JsonNode? node, string pointer = JsonPointer.Root)
    {
        var children = node switch
        {
            JsonObject mapping => mapping.Select(entry => (JsonPointer.Append(pointer, entry.Key), entry.Value)),
            JsonArray sequence => sequence.Select((item, i) => (JsonPointer.Append(pointer, i), item)),
            _ => [],
        };
        foreach (var (child, value) in children.ToList())
        {
            yield return (child, value);
            foreach (var inner in Walk(value, child))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Copies <paramref name="root"/> with the node at <paramref name="pointer"/> replaced by <paramref name="value"/>.</summary>
    public static JsonObject With(JsonObject root, string pointer, JsonNode? value)
    {
        var copy = (JsonObject)root.DeepClone();
        var above = JsonPointer.Parent(pointer);
        var parent = above == JsonPointer.Root ? copy : Walk(copy).Single(entry => entry.Pointer == above).Node;

        var token = pointer[(pointer.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        switch (parent)
        {
            case JsonObject mapping:
                mapping[token] = value;
                break;
            case JsonArray sequence:
                sequence[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
            default:
                throw new InvalidOperationException($"{pointer}: the parent is a scalar");
        }

        return copy;
    }

    /// <summary>The kind of a value as the schema sees it: string, integer, float, boolean, null, list or mapping.</summary>
    public static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "mapping",
        JsonArray => "list",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number when value.ToJsonString().All(c => char.IsAsciiDigit(c) || c == '-') => "integer",
            JsonValueKind.Number => "float",
            var other => other.ToString(),
        },
        _ => throw new InvalidOperationException(node.ToJsonString()),
    };
}
