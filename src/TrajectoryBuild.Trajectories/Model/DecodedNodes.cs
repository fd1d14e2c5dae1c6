using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Json;

namespace TrajectoryBuild.Trajectories.Model;

/// <summary>
/// Parses JSON with every string decoded at once (<see cref="JsonStrings.DecodeAll"/>), so a string with an unpaired
/// surrogate escape fails where its record is read, with an <see cref="InvalidOperationException"/> its importer
/// quarantines, instead of failing the writer and stopping a whole import.
/// </summary>
internal static class DecodedNodes
{
    public static JsonNode? Parse(string json) => Checked(JsonNode.Parse(json));

    public static JsonNode? Parse(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : Checked(JsonNode.Parse(element.GetRawText()));

    private static JsonNode? Checked(JsonNode? node)
    {
        JsonStrings.DecodeAll(node);
        return node;
    }
}
