using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// A JSON Lines format's rows as the Hugging Face Hub serves them: Parquet shards (Snappy, 64 rows a row group) with
/// one column per top-level field. Strings, booleans and whole numbers are typed columns; the fields named in
/// <paramref name="jsonTextColumns"/> (lists of messages) are string columns holding their JSON text, as the Hub keeps
/// SWE-smith-trajectories' <c>messages</c>; any other list or object is a nested column (a list of structs, as the Hub
/// keeps nebius/SWE-agent-trajectories' <c>trajectory</c>), its struct's fields those of all its rows' objects.
/// <see cref="CorpusBuilder"/> renders each row with the inner generator, keeps that JSON Lines row as the Python
/// baseline's twin of the Parquet row (Python's standard library reads no Parquet), and writes the shard from the rows.
/// </summary>
internal sealed class ParquetShards(JsonRows rows, params string[] jsonTextColumns) : ICorpusGenerator
{
    private const int RowGroupRows = 64;

    public string Extension => ".parquet";

    public JsonWriterOptions Options => rows.Options;

    public void Write(Utf8JsonWriter writer, Episode episode, Rng rng) => rows.Write(writer, episode, rng);

    /// <summary>Writes <paramref name="lines"/> (one JSON object each, the same fields in the same order) as one Parquet file.</summary>
    public void WriteShard(IReadOnlyList<byte[]> lines, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var documents = lines.Select(l => JsonDocument.Parse(l)).ToList();
        try
        {
            var first = documents[0].RootElement;
            if (first.EnumerateObject().Any(p => p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object && !jsonTextColumns.Contains(p.Name, StringComparer.Ordinal)))
            {
                WriteNested(documents, stream);
                return;
            }

            var fields = first.EnumerateObject().Select(p => Field(p.Name, p.Value)).ToList();
            var writer = ParquetWriter.CreateAsync(new ParquetSchema([.. fields]), stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }).GetAwaiter().GetResult();
            try
            {
                for (var start = 0; start < documents.Count; start += RowGroupRows)
                {
                    var group = documents.Skip(start).Take(RowGroupRows).Select(d => d.RootElement).ToList();
                    using var rowGroup = writer.CreateRowGroup();
                    foreach (var field in fields)
                    {
                        var values = group.Select(r => r.GetProperty(field.Name)).ToList();
                        var written = field.ClrType == typeof(bool) ? rowGroup.WriteAsync(field, new ReadOnlyMemory<bool>([.. values.Select(v => v.GetBoolean())]))
                            : field.ClrType == typeof(long) ? rowGroup.WriteAsync(field, new ReadOnlyMemory<long>([.. values.Select(v => v.GetInt64())]))
                            : rowGroup.WriteAsync(field, values.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()).ToList(), null);
                        written.GetAwaiter().GetResult();
                    }

                    rowGroup.CompleteValidate();
                }
            }
            finally
            {
                writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }

    // Rows with nested fields, through Parquet.Net's row serializer: every field's type from all the rows' values.
    private static void WriteNested(List<JsonDocument> documents, Stream stream)
    {
        var rows = documents.Select(d => d.RootElement).ToList();
        var schema = new ParquetSchema([.. rows[0].EnumerateObject().Select(p => Nested(p.Name, rows.Select(r => Member(r, p.Name))))]);
        var data = rows.Select(r => (IDictionary<string, object?>)Struct(schema.Fields, r)).ToList();
        ParquetSerializer.SerializeUntypedAsync(data, schema, stream, new ParquetOptions { RowGroupSize = RowGroupRows, CompressionMethod = CompressionMethod.Snappy })
            .GetAwaiter().GetResult();
    }

    private static JsonElement Member(JsonElement value, string name) => value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var member) ? member : default;

    private static Field Nested(string name, IEnumerable<JsonElement> values)
    {
        var present = values.Where(v => v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)).ToList();
        return present.FirstOrDefault().ValueKind switch
        {
            JsonValueKind.Array => new ListField(name, Nested("element", present.SelectMany(a => a.EnumerateArray()))),
            JsonValueKind.Object => new StructField(name,
                [.. present.SelectMany(o => o.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal).Select(m => Nested(m, present.Select(o => Member(o, m))))]),
            JsonValueKind.True or JsonValueKind.False => new DataField<bool?>(name),
            JsonValueKind.Number => new DataField<long?>(name),
            _ => new DataField<string>(name),
        };
    }

    private static Dictionary<string, object?> Struct(IEnumerable<Field> fields, JsonElement value) =>
        fields.ToDictionary(f => f.Name, f => Value(f, Member(value, f.Name)));

    private static object? Value(Field field, JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : field switch
    {
        StructField structField => Struct(structField.Fields, value),
        ListField { Item: StructField item } => value.EnumerateArray().Select(e => Struct(item.Fields, e)).ToList(),
        ListField => value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : (ReadOnlyMemory<char>?)e.GetString().AsMemory()).ToList(),
        DataField { ClrType: var type } when type == typeof(bool) => value.GetBoolean(),
        DataField { ClrType: var type } when type == typeof(long) => value.GetInt64(),
        _ => value.GetString(),
    };

    private DataField Field(string name, JsonElement value) =>
        jsonTextColumns.Contains(name, StringComparer.Ordinal) ? new DataField<string>(name)
            : value.ValueKind switch
            {
                JsonValueKind.String => new DataField<string>(name),
                JsonValueKind.True or JsonValueKind.False => new DataField<bool>(name),
                JsonValueKind.Number => new DataField<long>(name),
                _ => throw new InvalidOperationException($"ParquetShards: field '{name}' is {value.ValueKind}; name it as a JSON text column"),
            };
}
