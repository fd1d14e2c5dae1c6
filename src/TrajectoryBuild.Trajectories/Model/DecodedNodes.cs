using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Trajectories.Model;

/// <summary>
/// A node parsed from JSON keeps its strings undecoded until it is written, so a string with an unpaired surrogate
/// escape (<c>"\ud800"</c>, valid JSON that no UTF-16 text can hold) would fail the writer long after its record could
/// have been quarantined, and stop a whole import. Parsing through here decodes every escaped string at once, so such
/// a record fails where it is read, with an <see cref="InvalidOperationException"/> its importer quarantines.
/// </summary>
internal static class DecodedNodes
{
    public static JsonNode? Parse(string json) => Checked(JsonNode.Parse(json));

    public static JsonNode? Parse(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : Checked(JsonNode.Parse(element.GetRawText()));

    private static JsonNode? Checked(JsonNode? node)
    {
        Check(node);
        return node;
    }

    private static void Check(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Check(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Check(item);
                }

                break;
            case JsonValue value when value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.String
                && JsonMarshal.GetRawUtf8Value(element).IndexOf("\\u"u8) >= 0:
                element.GetString();
                break;
        }
    }
}
