using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// A JSON Lines format's rows as the Hugging Face Hub serves them: Parquet shards (Snappy, 64 rows a row group) with
/// one column per top-level field. Strings, booleans and whole numbers are typed columns; the fields named in
/// <paramref name="jsonTextColumns"/> (lists of messages) are string columns holding their JSON text, as the Hub keeps
/// SWE-smith-trajectories' <c>messages</c>. <see cref="CorpusBuilder"/> renders each row with the inner generator, keeps
/// that JSON Lines row as the Python baseline's twin of the Parquet row (Python's standard library reads no Parquet),
/// and writes the shard from the rows.
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
