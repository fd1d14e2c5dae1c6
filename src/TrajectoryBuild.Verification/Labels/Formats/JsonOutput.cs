using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>How the exporters write JSON: indented with LF, non-ASCII and code characters kept readable, no BOM.</summary>
internal static class JsonOutput
{
    // Relaxed escaping keeps code (<, >, &, quotes in diffs) readable in the exported files; they are never embedded in HTML.
    private static readonly JsonWriterOptions s_options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream stream, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var json = new Utf8JsonWriter(stream, s_options))
        {
            write(json);
        }

        stream.WriteByte((byte)'\n');
    }

    public static string ToText(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        Write(buffer, write);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void StringOrNull(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
