using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Json;

/// <summary>
/// A node parsed from JSON keeps its keys and strings undecoded until something reads them, so a string with an
/// unpaired surrogate escape (<c>"\ud800"</c>, valid JSON that no UTF-16 text can hold) fails long after it was parsed:
/// in a writer or a row parser, far from the record that could have been set aside. <see cref="DecodeAll"/> reads them
/// all at once, where the caller can still reject that one record.
/// </summary>
public static class JsonStrings
{
    /// <summary>Decodes every key and every escaped string of <paramref name="node"/>.</summary>
    /// <exception cref="InvalidOperationException">A key or string holds an escape that is not valid UTF-16.</exception>
    public static void DecodeAll(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                // Enumerating a parsed object decodes its keys.
                foreach (var (_, value) in obj)
                {
                    DecodeAll(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    DecodeAll(item);
                }

                break;
            case JsonValue value when value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.String
                && HasSurrogateEscape(JsonMarshal.GetRawUtf8Value(element)):
                element.GetString();
                break;
        }
    }

    // Only a \uD800-\uDFFF escape can be unpaired; other escapes always decode (most ASCII-escaped text has many), and a
    // string held as a CLR string is decoded already.
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
