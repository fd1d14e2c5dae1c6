using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>The one JSON text form of a corpus row: compact, UTF-8 kept readable, property order as built.</summary>
public static class CorpusJson
{
    private static readonly JsonSerializerOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    /// <summary>The row as one JSONL line (no trailing newline).</summary>
    public static string Line(JsonObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Compact(row);
    }

    internal static string Compact(JsonNode node) => node.ToJsonString(s_options);
}
