using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Agents;

/// <summary>
/// The agent's raw record (<see cref="ReferenceAgent.RawFile"/>): one JSON object per line, each with <c>event</c> and
/// <c>time</c> first, written whole and flushed at once, so a crash or a kill loses at most the line being written.
/// </summary>
internal sealed class RawLog(FileStream stream, TimeProvider time) : IAsyncDisposable
{
    public static RawLog Create(string path, TimeProvider time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new RawLog(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous), time);
    }

    public async Task WriteAsync(string type, Action<Utf8JsonWriter> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, TrajectoryWriter.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("event", type);
            writer.WriteString("time", time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            fields(writer);
            writer.WriteEndObject();
        }

        var line = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(line);
        line[^1] = (byte)'\n';

        // Not the caller's token: a line is written whole or not at all.
        await stream.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
        await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Writes an HTTP body exactly: <c>{name}</c> is the body itself when it is JSON on one line (byte for byte), else
    /// the exact text as a JSON string, else base64; <c>{name}_format</c> says which (<c>json</c>, <c>text</c>,
    /// <c>base64</c>), <c>{name}_sha256</c> is the hash of the bytes. A null body writes nulls.
    /// </summary>
    public static void WriteBody(Utf8JsonWriter writer, string name, byte[]? body)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (body is null)
        {
            writer.WriteNull(name);
            writer.WriteNull(name + "_format");
            writer.WriteNull(name + "_sha256");
            return;
        }

        if (IsSingleLineJson(body))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(body, skipInputValidation: true);
            writer.WriteString(name + "_format", "json");
        }
        else if (IsUtf8(body))
        {
            writer.WriteString(name, Encoding.UTF8.GetString(body));
            writer.WriteString(name + "_format", "text");
        }
        else
        {
            writer.WriteBase64String(name, body);
            writer.WriteString(name + "_format", "base64");
        }

        writer.WriteString(name + "_sha256", Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    public ValueTask DisposeAsync() => stream.DisposeAsync();

    private static bool IsSingleLineJson(byte[] body)
    {
        if (body.Length == 0 || body.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') >= 0 || body.AsSpan().StartsWith("\uFEFF"u8))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsUtf8(byte[] body)
    {
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
