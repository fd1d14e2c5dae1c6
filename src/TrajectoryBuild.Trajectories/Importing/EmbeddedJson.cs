using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// A JSON document kept in a JSON string value (the Hugging Face rows' <c>messages</c>, SWE-agent's
/// <c>replay_config</c>), parsed from the string's unescaped UTF-8 bytes in a pooled buffer: no UTF-16 copy of a
/// string that can be megabytes long. The buffer goes back to the pool when the document is disposed.
/// </summary>
internal sealed class EmbeddedJson : IDisposable
{
    private byte[]? _buffer;

    private EmbeddedJson(JsonDocument document, byte[]? buffer)
    {
        Document = document;
        _buffer = buffer;
    }

    /// <summary>The parsed document.</summary>
    public JsonDocument Document { get; }

    /// <summary>
    /// Parses the JSON held in <paramref name="text"/>, a string value (anything else throws
    /// <see cref="InvalidOperationException"/>). Throws <see cref="JsonException"/> when it is not valid JSON, and
    /// <see cref="InvalidOperationException"/> when the string's escapes are not valid UTF-16, with the message of
    /// <see cref="JsonElement.GetString"/> (both unescape with the same code). A placeholder for a text kept out of its
    /// row (<see cref="EmbeddedTexts"/>) parses that text, which stays where it is until the row is released.
    /// </summary>
    public static EmbeddedJson Parse(JsonElement text, JsonDocumentOptions options)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        if (text.ValueKind == JsonValueKind.String && EmbeddedTexts.TryFind(raw, out var kept))
        {
            return new EmbeddedJson(JsonDocument.Parse(kept, options), null);
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();

        // Unescaped text is never longer than its escaped form.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, reader.ValueSpan.Length));
        try
        {
            var length = reader.CopyString(buffer);
            return new EmbeddedJson(JsonDocument.Parse(buffer.AsMemory(0, length), options), buffer);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Document.Dispose();
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
