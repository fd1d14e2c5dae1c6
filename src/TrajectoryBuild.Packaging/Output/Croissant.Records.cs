using System.Text.Json;

namespace TrajectoryBuild.Packaging.Output;

public static partial class Croissant
{
    internal static string EncodingFormat(ShardFileFormat format) => format == ShardFileFormat.Parquet ? "application/x-parquet" : "application/jsonlines";

    /// <summary>How a record set's description starts the list of JSONL positions it leaves out.</summary>
    internal const string NotDeclared = "Not declared, since no Croissant type fits their values in the JSONL rows:";

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
        var shapes = format == ShardFileFormat.Jsonl ? config.Columns.Select(c => (Column: c, Shape: JsonlShape(c))).ToList() : [];
        var omitted = shapes.SelectMany(s => Omitted(s.Column.Name, s.Shape)).ToList();
        writer.WriteStartObject();
        writer.WriteString("@type", "cr:RecordSet");
        writer.WriteString("@id", config.Config);
        writer.WriteString("name", config.Config);
        writer.WriteString("description", $"The records of the {config.Config} config." + (omitted.Count == 0 ? string.Empty
            : $" {NotDeclared} {string.Join(", ", omitted.Select(o => $"`{o.Path}` ({o.Reason})"))}."));
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
        if (format == ShardFileFormat.Parquet)
        {
            foreach (var column in config.Columns)
            {
                var description = column.Type == ShardColumnType.Json ? "Column holding compact JSON text (decode it with json.loads)." : "Column from the shard files.";
                Field(writer, $"{config.Config}/{column.Name}", description, DataType(column.Type));
                Source(writer, fileSet, extract => extract.WriteString("column", column.Name));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        }
        else
        {
            foreach (var (column, shape) in shapes)
            {
                if (Declarable(shape) is { } declared)
                {
                    JsonlField(writer, fileSet, $"{config.Config}/{column.Name}", column.Name, [], declared);
                }
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // The shape of a column in the JSONL rows; a column written without one (not inferred) is its scalar type, or not fixed.
    private static ShardFeature JsonlShape(ShardColumn column) => column.Shape ?? column.Type switch
    {
        ShardColumnType.Json => ShardFeature.Free("shape not inferred"),
        var type => ShardFeature.Value(Dtype(type)),
    };

    // The part of a shape Croissant can declare: no position that is not fixed or only ever null (no Croissant type says
    // "any JSON" or "null"); a list or struct with nothing declarable left is left out too.
    internal static ShardFeature? Declarable(ShardFeature shape) => shape.Kind switch
    {
        ShardFeatureKind.Value => shape.Dtype == "null" ? null : shape,
        ShardFeatureKind.List => Declarable(shape.Item!) is { } item ? ShardFeature.List(item) : null,
        ShardFeatureKind.Struct => shape.Fields.Select(f => (f.Key, Value: Declarable(f.Value))).Where(f => f.Value is not null).ToList() is { Count: > 0 } fields
            ? ShardFeature.Struct(fields.Select(f => new KeyValuePair<string, ShardFeature>(f.Key, f.Value!)))
            : null,
        _ => null,
    };

    // Every position Declarable leaves out, and why, e.g. ("messages[]", "objects with different keys").
    private static IEnumerable<(string Path, string Reason)> Omitted(string path, ShardFeature shape) => shape.Kind switch
    {
        ShardFeatureKind.Value => shape.Dtype == "null" ? [(path, "only null values")] : [],
        ShardFeatureKind.List => Omitted(path + "[]", shape.Item!),
        ShardFeatureKind.Struct => shape.Fields.SelectMany(f => Omitted(path + "." + f.Key, f.Value)),
        _ => [(path, shape.Reason!)],
    };

    // A field reading one position of the JSONL rows (Croissant 1.1, as the Hub's croissant endpoint writes nested
    // features): a struct has one subField per key and no dataType; a list is its item's field with isArray and an
    // arrayShape of -1 per list level; every leaf reads the top-level column and walks down with one jsonPath transform
    // per key (mlcroissant reads JSON Lines as a table, applying each transform to every item of a list).
    private static void JsonlField(Utf8JsonWriter writer, string fileSet, string id, string column, IReadOnlyList<string> keys, ShardFeature shape)
    {
        var levels = 0;
        while (shape.Kind == ShardFeatureKind.List)
        {
            levels++;
            shape = shape.Item!;
        }

        writer.WriteStartObject();
        writer.WriteString("@type", "cr:Field");
        writer.WriteString("@id", id);
        writer.WriteString("name", id);
        writer.WriteString("description", keys.Count == 0 ? "Column from the JSONL rows." : $"Key '{keys[^1]}' of the objects in '{id[..id.LastIndexOf('/')]}'.");
        if (shape.Kind == ShardFeatureKind.Value)
        {
            writer.WriteString("dataType", CroissantType(shape.Dtype!));
        }

        if (levels > 0)
        {
            writer.WriteBoolean("isArray", true);
            writer.WriteString("arrayShape", string.Join(",", Enumerable.Repeat("-1", levels)));
        }

        if (shape.Kind == ShardFeatureKind.Struct)
        {
            writer.WriteStartArray("subField");
            foreach (var (key, value) in shape.Fields)
            {
                JsonlField(writer, fileSet, $"{id}/{key}", column, [.. keys, key], value);
            }

            writer.WriteEndArray();
        }
        else
        {
            Source(writer, fileSet, extract => extract.WriteString("column", column));
            if (keys.Count == 1)
            {
                writer.WriteStartObject("transform");
                writer.WriteString("jsonPath", JsonPathKey(keys[0]));
                writer.WriteEndObject();
            }
            else if (keys.Count > 1)
            {
                writer.WriteStartArray("transform");
                foreach (var key in keys)
                {
                    writer.WriteStartObject();
                    writer.WriteString("jsonPath", JsonPathKey(key));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    // A JSONPath step selecting one key: the bare name when it is a plain identifier, else ['...'] with ' [ ] escaped.
    internal static string JsonPathKey(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        ? key
        : "['" + key.Replace("'", "\\'", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal) + "']";

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

    private static string Dtype(ShardColumnType type) => type switch
    {
        ShardColumnType.Flag => "bool",
        ShardColumnType.WholeNumber => "int64",
        ShardColumnType.RealNumber => "float64",
        _ => "string",
    };

    // The Croissant dataType of a datasets value dtype (string, bool, int64, float64, ...).
    internal static string CroissantType(string dtype) => dtype switch
    {
        "bool" => "sc:Boolean",
        "int32" or "int64" => "sc:Integer",
        "float32" or "float64" => "sc:Float",
        _ => "sc:Text",
    };
}
