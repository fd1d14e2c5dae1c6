using System.Text.Json;

namespace TrajectoryBuild.Packaging.Output;

public static partial class Croissant
{
    internal static string EncodingFormat(ShardFileFormat format) => format == ShardFileFormat.Parquet ? "application/x-parquet" : "application/jsonlines";

    internal static string FileSetId(string config, ShardFileFormat format) => $"{config}-{ShardWriter.Extension(format)}-files";

    private static void Distribution(Utf8JsonWriter writer, CroissantOptions options, IReadOnlyList<ShardSet> configs)
    {
        writer.WriteStartArray("distribution");
        foreach (var shard in configs.SelectMany(c => c.Shards))
        {
            writer.WriteStartObject();
            writer.WriteString("@type", "cr:FileObject");
            writer.WriteString("@id", shard.File.Path);
            writer.WriteString("name", shard.File.Path);
            writer.WriteString("contentUrl", options.Url is null ? shard.File.Path : $"{options.Url.TrimEnd('/')}/resolve/main/{shard.File.Path}");
            writer.WriteNumber("contentSize", shard.File.Bytes);
            writer.WriteString("encodingFormat", EncodingFormat(shard.Format));
            writer.WriteString("sha256", shard.File.Sha256);
            writer.WriteEndObject();
        }

        foreach (var config in configs)
        {
            foreach (var group in config.Shards.GroupBy(s => s.Format))
            {
                writer.WriteStartObject();
                writer.WriteString("@type", "cr:FileSet");
                writer.WriteString("@id", FileSetId(config.Config, group.Key));
                writer.WriteString("name", FileSetId(config.Config, group.Key));
                writer.WriteString("description", $"The {ShardWriter.Extension(group.Key)} shards of the {config.Config} config.");
                writer.WriteStartArray("containedIn");
                foreach (var shard in group)
                {
                    writer.WriteStartObject();
                    writer.WriteString("@id", shard.File.Path);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteString("encodingFormat", EncodingFormat(group.Key));
                writer.WriteStartArray("includes");
                writer.WriteStringValue($"data/{config.Config}/*.{ShardWriter.Extension(group.Key)}");
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }

    private static void RecordSets(Utf8JsonWriter writer, IReadOnlyList<ShardSet> configs)
    {
        writer.WriteStartArray("recordSet");
        foreach (var config in configs)
        {
            var splits = $"{config.Config}_splits";
            writer.WriteStartObject();
            writer.WriteString("@type", "cr:RecordSet");
            writer.WriteString("@id", splits);
            writer.WriteString("name", splits);
            writer.WriteString("description", $"Splits for the {config.Config} config.");
            writer.WriteString("dataType", "cr:Split");
            writer.WriteStartObject("key");
            writer.WriteString("@id", $"{splits}/split_name");
            writer.WriteEndObject();
            writer.WriteStartArray("field");
            Field(writer, $"{splits}/split_name", "The name of the split.", "sc:Text");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartArray("data");
            foreach (var (split, _) in config.SplitRows)
            {
                writer.WriteStartObject();
                writer.WriteString($"{splits}/split_name", split);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            RecordSet(writer, config, splits);
        }

        writer.WriteEndArray();
    }

    private static void RecordSet(Utf8JsonWriter writer, ShardSet config, string splits)
    {
        var format = config.Shards.Any(s => s.Format == ShardFileFormat.Parquet) ? ShardFileFormat.Parquet : ShardFileFormat.Jsonl;
        var fileSet = FileSetId(config.Config, format);
        writer.WriteStartObject();
        writer.WriteString("@type", "cr:RecordSet");
        writer.WriteString("@id", config.Config);
        writer.WriteString("name", config.Config);
        writer.WriteString("description", $"The records of the {config.Config} config.");
        writer.WriteStartArray("field");
        Field(writer, $"{config.Config}/split", "Split to which the example belongs to.", "sc:Text");
        writer.WriteStartObject("references");
        writer.WriteStartObject("field");
        writer.WriteString("@id", $"{splits}/split_name");
        writer.WriteEndObject();
        writer.WriteEndObject();
        Source(writer, fileSet, extract => extract.WriteString("fileProperty", "fullpath"));
        writer.WriteStartObject("transform");
        writer.WriteString("regex", $"data/{config.Config}/([^/]+)-[0-9]{{5}}-of-[0-9]{{5}}\\.{ShardWriter.Extension(format)}$");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        foreach (var column in config.Columns)
        {
            var description = column.Type == ShardColumnType.Json ? "Column holding compact JSON text." : "Column from the shard files.";
            Field(writer, $"{config.Config}/{column.Name}", description, DataType(column.Type));
            Source(writer, fileSet, extract => extract.WriteString("column", column.Name));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Leaves the field object open so callers can add references / source.
    private static void Field(Utf8JsonWriter writer, string id, string description, string dataType)
    {
        writer.WriteStartObject();
        writer.WriteString("@type", "cr:Field");
        writer.WriteString("@id", id);
        writer.WriteString("name", id);
        writer.WriteString("description", description);
        writer.WriteString("dataType", dataType);
    }

    // Leaves the source object open so callers can add a transform.
    private static void Source(Utf8JsonWriter writer, string fileSet, Action<Utf8JsonWriter> extract)
    {
        writer.WriteStartObject("source");
        writer.WriteStartObject("fileSet");
        writer.WriteString("@id", fileSet);
        writer.WriteEndObject();
        writer.WriteStartObject("extract");
        extract(writer);
        writer.WriteEndObject();
    }

    private static string DataType(ShardColumnType type) => type switch
    {
        ShardColumnType.Flag => "sc:Boolean",
        ShardColumnType.WholeNumber => "sc:Integer",
        ShardColumnType.RealNumber => "sc:Float",
        _ => "sc:Text",
    };
}
