using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>The one JSON text form of a corpus row: compact, UTF-8 kept readable, property order as built.</summary>
public static class CorpusJson
{
    private static readonly JsonSerializerOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    /// <summary>The writer options of the form: compact, with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = s_options.Encoder, Indented = false };

    /// <summary>The row as one JSONL line (no trailing newline).</summary>
    public static string Line(JsonObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Compact(row);
    }

    /// <summary>The bytes of <see cref="Line"/> in UTF-8, written straight from the row (no string in between).</summary>
    public static byte[] Utf8(JsonObject row)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        Utf8(row, buffer, places: null);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <see cref="Utf8(JsonObject)"/> written to <paramref name="buffer"/> a property at a time, noting in
    /// <paramref name="places"/> (when given) where each top-level value is in the bytes (name, start, length), in the
    /// row's order.
    /// </summary>
    internal static void Utf8(JsonObject row, IBufferWriter<byte> buffer, List<(string Name, int Start, int Length)>? places)
    {
        ArgumentNullException.ThrowIfNull(row);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in row)
            {
                writer.WritePropertyName(name);
                var start = checked((int)(writer.BytesCommitted + writer.BytesPending));
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer, s_options);
                }

                places?.Add((name, start, checked((int)(writer.BytesCommitted + writer.BytesPending)) - start));
            }

            writer.WriteEndObject();
        }
    }

    internal static string Compact(JsonNode node) => node.ToJsonString(s_options);
}
