using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// Strict field access for importers: every miss names the JSON path, what was found and what was expected, as an
/// <see cref="ImportException"/>. Never keep a <see cref="JsonElement"/> past its record (the buffer is reused):
/// copy with <see cref="ToNode"/>.
/// </summary>
public static class JsonFields
{
    // The known names of each set as UTF-8, so a known property is matched on its raw bytes without allocating its name.
    private static readonly ConditionalWeakTable<IReadOnlySet<string>, byte[][]> s_utf8Names = [];

    /// <summary>Fails when <paramref name="element"/> has a property not in <paramref name="known"/> (a format we do not fully read).</summary>
    public static void RejectUnknown(JsonElement element, string path, IReadOnlySet<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        Expect(element, JsonValueKind.Object, path);
        var names = s_utf8Names.GetValue(known, static set => [.. set.Select(Encoding.UTF8.GetBytes)]);
        foreach (var property in element.EnumerateObject())
        {
            // A name written with escapes does not match its raw bytes: it is then checked unescaped.
            if (!IsOneOf(JsonMarshal.GetRawUtf8PropertyName(property), names) && !known.Contains(property.Name))
            {
                throw new ImportException($"{path}.{property.Name}", $"unknown field '{property.Name}'; this importer reads only: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
            }
        }
    }

    private static bool IsOneOf(ReadOnlySpan<byte> name, byte[][] names)
    {
        foreach (var candidate in names)
        {
            if (name.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fails unless <paramref name="element"/> is of <paramref name="kind"/>.</summary>
    public static void Expect(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind)
        {
            throw new ImportException(path, $"expected {Describe(kind)}, found {Describe(element.ValueKind)}");
        }
    }

    /// <summary>A required property.</summary>
    public static JsonElement Required(JsonElement element, string name, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        return element.TryGetProperty(name, out var value)
            ? value
            : throw new ImportException($"{path}.{name}", $"required field '{name}' is missing");
    }

    /// <summary>A required string property.</summary>
    public static string RequiredString(JsonElement element, string name, string path)
    {
        var value = Required(element, name, path);
        Expect(value, JsonValueKind.String, $"{path}.{name}");
        return value.GetString()!;
    }

    /// <summary>An optional string property: null when absent or null; fails when it is another kind.</summary>
    public static string? OptionalString(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, JsonValueKind.String, $"{path}.{name}");
        return value.GetString();
    }

    /// <summary>An optional string property as a text that keeps the source's bytes (see <see cref="JsonText"/>).</summary>
    internal static JsonText? OptionalText(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, JsonValueKind.String, $"{path}.{name}");
        return TextOf(value);
    }

    /// <summary>A string element as a text: the writer's token made from the source's bytes, else (an unpaired surrogate) the decoded string.</summary>
    internal static JsonText TextOf(JsonElement value) =>
        JsonTokens.Canonical(JsonMarshal.GetRawUtf8Value(value)) is { } token ? JsonText.OfToken(token) : JsonText.Of(value.GetString()!);

    /// <summary><see cref="Content"/> as a text: a plain string content keeps the source's bytes.</summary>
    internal static JsonText ContentText(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? TextOf(value) : JsonText.Of(Content(value, path));

    /// <summary>An optional number property as a double.</summary>
    public static double? OptionalDouble(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, JsonValueKind.Number, $"{path}.{name}");
        return value.GetDouble();
    }

    /// <summary>An optional integer property.</summary>
    public static long? OptionalLong(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, JsonValueKind.Number, $"{path}.{name}");
        return value.TryGetInt64(out var number) ? number : (long)value.GetDouble();
    }

    /// <summary>An optional boolean property.</summary>
    public static bool? OptionalBool(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ImportException($"{path}.{name}", $"expected a boolean, found {Describe(value.ValueKind)}"),
        };
    }

    /// <summary>A message content: a string, or OpenAI content parts (<c>[{"type":"text","text":...}]</c>) joined.</summary>
    public static string Content(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Array:
                var parts = new List<string>();
                var index = 0;
                foreach (var part in value.EnumerateArray())
                {
                    var partPath = $"{path}[{index++}]";
                    if (part.ValueKind == JsonValueKind.String)
                    {
                        parts.Add(part.GetString()!);
                        continue;
                    }

                    var text = OptionalString(part, "text", partPath);
                    if (text is not null)
                    {
                        parts.Add(text);
                    }
                    else if (OptionalString(part, "type", partPath) is not ("image_url" or "image"))
                    {
                        throw new ImportException(partPath, "expected a content part with 'text' (or an image part)");
                    }
                }

                return string.Concat(parts);
            default:
                throw new ImportException(path, $"expected a string or a list of content parts, found {Describe(value.ValueKind)}");
        }
    }

    /// <summary>A detached copy of an element, safe to keep after the record's buffer is reused.</summary>
    public static JsonNode? ToNode(JsonElement element) =>
        DecodedNodes.Parse(element);

    /// <summary>
    /// Tool-call arguments as an object: an object is copied; a string is parsed as JSON (the original kept by the
    /// caller); anything unparsable yields an empty object and the reason, so the call is kept, never dropped.
    /// </summary>
    public static (JsonObject Arguments, string? Raw, string? ParseError) Arguments(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return ((JsonObject)ToNode(value)!, null, null);
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return ([], null, null);
            case JsonValueKind.String:
                var raw = value.GetString()!;
                return ParseArguments(raw);
            default:
                return ([], value.GetRawText(), $"expected an object or a JSON string, found {Describe(value.ValueKind)}");
        }
    }

    /// <summary>Parses an arguments string; see <see cref="Arguments(JsonElement)"/>.</summary>
    public static (JsonObject Arguments, string? Raw, string? ParseError) ParseArguments(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Trim().Length == 0)
        {
            return ([], raw, null);
        }

        try
        {
            return DecodedNodes.Parse(raw) is JsonObject parsed
                ? (parsed, raw, null)
                : ([], raw, "the arguments are JSON but not an object");
        }
        catch (JsonException exception)
        {
            return ([], raw, $"the arguments are not valid JSON: {exception.Message}");
        }
        catch (InvalidOperationException exception)
        {
            return ([], raw, $"the arguments hold a string no text can hold: {exception.Message}");
        }
    }

    /// <summary>A kind in words, for messages.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
