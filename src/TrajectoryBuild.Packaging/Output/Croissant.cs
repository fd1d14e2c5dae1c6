using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Writes Croissant 1.1 metadata (<c>croissant.json</c>, JSON-LD with the context the Hub generates plus the 1.1 terms
/// <c>isArray</c> and <c>arrayShape</c>): one <c>cr:FileObject</c> per shard with <c>sha256</c> and <c>contentUrl</c>,
/// one <c>cr:FileSet</c> per config and format, and per config a <c>&lt;config&gt;_splits</c> record set plus a
/// <c>&lt;config&gt;</c> record set whose fields describe the files it reads: the Parquet columns (nested values are JSON
/// text, <c>sc:Text</c>), or, for a JSONL-only config, the nested types of the rows (<c>subField</c>, <c>isArray</c>).
/// Deterministic: fixed key order, indented, LF.
/// </summary>
public static partial class Croissant
{
    /// <summary>The metadata's file name in the output folder.</summary>
    public const string FileName = "croissant.json";

    private static readonly JsonWriterOptions s_options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };

    /// <summary>Renders the metadata.</summary>
    /// <param name="options">Dataset fields.</param>
    /// <param name="configs">Every config written.</param>
    /// <returns>The JSON-LD text, ending with a newline.</returns>
    public static string Render(CroissantOptions options, IReadOnlyList<ShardSet> configs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configs);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            writer.WriteStartObject();
            Context(writer);
            writer.WriteString("@type", "sc:Dataset");
            writer.WriteString("name", options.Name);
            writer.WriteString("description", options.Description ?? options.Name);
            writer.WriteString("conformsTo", "http://mlcommons.org/croissant/1.1");
            if (!string.IsNullOrWhiteSpace(options.Citation))
            {
                writer.WriteString("citeAs", options.Citation);
            }

            writer.WriteString("license", options.License ?? "other");
            if (options.Url is not null)
            {
                writer.WriteString("url", options.Url);
            }

            writer.WriteString("version", options.Version);
            Distribution(writer, options, configs);
            RecordSets(writer, configs);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Context(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("@context");
        writer.WriteString("@language", "en");
        writer.WriteString("@vocab", "https://schema.org/");
        foreach (var (key, value) in s_context)
        {
            if (key is "data" or "examples" or "dataType")
            {
                writer.WriteStartObject(key);
                writer.WriteString("@id", value);
                writer.WriteString("@type", key == "dataType" ? "@vocab" : "@json");
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();
    }

    private static readonly (string Key, string Value)[] s_context =
    [
        ("arrayShape", "cr:arrayShape"), ("citeAs", "cr:citeAs"), ("column", "cr:column"), ("conformsTo", "dct:conformsTo"), ("containedIn", "cr:containedIn"),
        ("cr", "http://mlcommons.org/croissant/"), ("rai", "http://mlcommons.org/croissant/RAI/"), ("data", "cr:data"),
        ("dataType", "cr:dataType"), ("dct", "http://purl.org/dc/terms/"), ("examples", "cr:examples"), ("extract", "cr:extract"),
        ("field", "cr:field"), ("fileProperty", "cr:fileProperty"), ("fileObject", "cr:fileObject"), ("fileSet", "cr:fileSet"),
        ("format", "cr:format"), ("includes", "cr:includes"), ("isArray", "cr:isArray"), ("isLiveDataset", "cr:isLiveDataset"), ("jsonPath", "cr:jsonPath"),
        ("key", "cr:key"), ("md5", "cr:md5"), ("parentField", "cr:parentField"), ("path", "cr:path"), ("recordSet", "cr:recordSet"),
        ("references", "cr:references"), ("regex", "cr:regex"), ("repeated", "cr:repeated"), ("replace", "cr:replace"),
        ("sc", "https://schema.org/"), ("separator", "cr:separator"), ("source", "cr:source"), ("subField", "cr:subField"),
        ("transform", "cr:transform"),
    ];
}
