using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Json;

namespace TrajectoryBuild.Mining.Sources;

/// <summary>Strict JSON reading for task rows: valid UTF-8, no duplicate keys, and an object at the top.</summary>
internal static class RowJson
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Decodes UTF-8 (without a byte-order mark), or says where the first invalid byte is.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? error)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            text = s_strictUtf8.GetString(bytes);
            error = null;
            return true;
        }
        catch (DecoderFallbackException e)
        {
            text = null;
            error = $"not valid UTF-8 (invalid byte at offset {e.Index})";
            return false;
        }
    }

    /// <summary>
    /// Why a parsed row cannot be read, or null. System.Text.Json unescapes strings only when they are read, so a
    /// string escape that is not valid UTF-16 (an unpaired surrogate such as <c>\ud800</c>) parses and would throw
    /// later, in the row parser; read every key and string once here instead.
    /// </summary>
    public static string? Unreadable(JsonNode? node)
    {
        try
        {
            JsonStrings.DecodeAll(node);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"not valid JSON: a string holds an escape that is not valid UTF-16 ({e.Message})";
        }
    }

    /// <summary>Whether the object's own keys can be read (see <see cref="Unreadable"/>); its values are not read.</summary>
    public static bool HasReadableKeys(JsonObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            return node.Count >= 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Parses <paramref name="text"/> as JSON, or says why it is not.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonNode? node, [NotNullWhen(false)] out string? error)
    {
        try
        {
            node = JsonNode.Parse(text, documentOptions: DocumentOptions);
            if (node is null)
            {
                error = "the JSON value is null";
                return false;
            }

            error = null;
            return true;
        }
        catch (JsonException e)
        {
            node = null;
            error = $"not valid JSON: {e.Message}";
            return false;
        }
    }
}
