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
                && HasSurrogateEscape(JsonMarshal.GetRawUtf8Value(element)):
                element.GetString();
                break;
        }
    }

    // Only a \uD800-\uDFFF escape can be unpaired; other escapes always decode (most ASCII-escaped text has many).
    private static bool HasSurrogateEscape(ReadOnlySpan<byte> raw)
    {
        for (var at = raw.IndexOf("\\u"u8); at >= 0 && at + 3 < raw.Length; at = NextEscape(raw, at))
        {
            if (raw[at + 2] is (byte)'d' or (byte)'D' && raw[at + 3] is >= (byte)'8' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F')
            {
                return true;
            }
        }

        return false;
    }

    private static int NextEscape(ReadOnlySpan<byte> raw, int at)
    {
        var next = raw[(at + 2)..].IndexOf("\\u"u8);
        return next < 0 ? -1 : at + 2 + next;
    }
}
