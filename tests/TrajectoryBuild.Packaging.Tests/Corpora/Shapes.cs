using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Tests.Corpora;

/// <summary>The consumer samples and a structural comparison: same property names, in the same nesting.</summary>
internal static class Shapes
{
    public static JsonObject Sample(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "corpora", file)))!.AsArray()[0]!.AsObject();

    /// <summary>Property names of objects, recursively (arrays by their first item), provenance left out.</summary>
    public static string Of(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Where(p => p.Key != "provenance").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Of(p.Value)}")) + "}",
        JsonArray a => "[" + (a.Count == 0 ? "" : Of(a[0])) + "]",
        _ => "",
    };
}
