using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>A tag's JSON form (the Tag stage's <c>tag.json</c>): fixed key order, indented with LF, the same bytes every time.</summary>
public static class FailureTagJson
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
        NewLine = "\n",
    };

    /// <summary>
    /// <c>{"class", "infrastructure", "detector", "confirmed", "taxonomy_version", "fired": [{"detector", "class",
    /// "evidence"}], "evidence", "override": null | {"class", "overridden_by", "note", "detected"}}</c>, then a newline.
    /// </summary>
    public static byte[] ToUtf8(FailureTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            Write(writer, tag);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Writes the tag as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, FailureTag tag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tag);
        writer.WriteStartObject();
        WriteClass(writer, "class", tag.Class);
        writer.WriteBoolean("infrastructure", tag.Infrastructure);
        writer.WriteString("detector", tag.Detector);
        writer.WriteBoolean("confirmed", tag.Confirmed);
        writer.WriteNumber("taxonomy_version", tag.TaxonomyVersion);
        writer.WriteStartArray("fired");
        foreach (var finding in tag.Fired)
        {
            writer.WriteStartObject();
            writer.WriteString("detector", finding.Detector);
            WriteClass(writer, "class", finding.Class);
            WriteLines(writer, "evidence", finding.Evidence);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteLines(writer, "evidence", tag.Evidence);
        if (tag.Override is { } human)
        {
            writer.WriteStartObject("override");
            WriteClass(writer, "class", human.Class);
            writer.WriteString("overridden_by", human.OverriddenBy);
            writer.WriteString("note", human.Note);
            WriteClass(writer, "detected", human.Detected);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("override");
        }

        writer.WriteEndObject();
    }

    private static void WriteClass(Utf8JsonWriter writer, string name, FailureClass? value) =>
        writer.WriteString(name, value?.ToName());

    private static void WriteLines(Utf8JsonWriter writer, string name, IReadOnlyList<string> lines)
    {
        writer.WriteStartArray(name);
        foreach (var line in lines)
        {
            writer.WriteStringValue(line);
        }

        writer.WriteEndArray();
    }
}
