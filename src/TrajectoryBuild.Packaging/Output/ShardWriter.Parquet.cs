using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace TrajectoryBuild.Packaging.Output;

public static partial class ShardWriter
{
    /// <summary>
    /// How many bytes of compact JSON rows go into one Parquet row group at most (a row longer than that is a group of
    /// its own): a writer holds one group's rows parsed, so memory stays bounded by this, not by the shard's size.
    /// </summary>
    internal const int RowGroupBytes = 16 << 20;

    // Fixed options so the bytes depend on the rows only: Snappy, no dictionary-size sampling surprises.
    private static readonly ParquetOptions s_parquetOptions = new() { CompressionMethod = CompressionMethod.Snappy };

    // One shard's rows, read back from the spill and parsed one row group at a time, written column by column.
    private static async Task<ReadOnlyMemory<byte>> ParquetAsync(IReadOnlyList<ShardColumn> columns, RowSpill spill, List<SpilledRow> slice, CancellationToken cancellationToken)
    {
        var fields = columns.Select(FieldOf).ToList();
        using var stream = new MemoryStream();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema([.. fields]), stream, s_parquetOptions, false, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var group in RowGroups(slice))
            {
                var documents = new List<JsonDocument>(group.Count);
                try
                {
                    foreach (var row in group)
                    {
                        documents.Add(ReadRow(spill, row));
                    }

                    await WriteRowGroupAsync(writer, fields, columns, [.. documents.Select(d => d.RootElement)], cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    foreach (var document in documents)
                    {
                        document.Dispose();
                    }
                }
            }
        }

        return stream.ToArray();
    }

    // The shard's rows cut into runs of at most RowGroupBytes (at least one row each); an empty shard is one empty group.
    private static IEnumerable<List<SpilledRow>> RowGroups(List<SpilledRow> slice)
    {
        var group = new List<SpilledRow>();
        long bytes = 0;
        foreach (var row in slice)
        {
            if (group.Count > 0 && bytes + row.Length > RowGroupBytes)
            {
                yield return group;
                (group, bytes) = ([], 0);
            }

            group.Add(row);
            bytes += row.Length;
        }

        if (group.Count > 0 || slice.Count == 0)
        {
            yield return group;
        }
    }

    private static async Task WriteRowGroupAsync(ParquetWriter writer, List<DataField> fields, IReadOnlyList<ShardColumn> columns, List<JsonElement> rows, CancellationToken cancellationToken)
    {
        using var group = writer.CreateRowGroup();
        for (var index = 0; index < columns.Count; index++)
        {
            var column = columns[index];
            var values = rows.Select(row => row.TryGetProperty(column.Name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? (JsonElement?)value : null).ToList();
            switch (column.Type)
            {
                case ShardColumnType.Flag:
                    await group.WriteAsync(fields[index], new ReadOnlyMemory<bool?>([.. values.Select(v => v?.GetBoolean())]), null, null, cancellationToken).ConfigureAwait(false);
                    break;
                case ShardColumnType.WholeNumber:
                    await group.WriteAsync(fields[index], new ReadOnlyMemory<long?>([.. values.Select(v => v?.GetInt64())]), null, null, cancellationToken).ConfigureAwait(false);
                    break;
                case ShardColumnType.RealNumber:
                    await group.WriteAsync(fields[index], new ReadOnlyMemory<double?>([.. values.Select(v => v?.GetDouble())]), null, null, cancellationToken).ConfigureAwait(false);
                    break;
                case ShardColumnType.Text:
                    await group.WriteAsync(fields[index], values.Select(v => v?.GetString()).ToList(), null).ConfigureAwait(false);
                    break;
                default:
                    await group.WriteAsync(fields[index], values.Select(v => v is { } element ? CompactJson(element) : null).ToList(), null).ConfigureAwait(false);
                    break;
            }
        }

        group.CompleteValidate();
    }

    private static DataField FieldOf(ShardColumn column) => column.Type switch
    {
        ShardColumnType.Flag => new DataField<bool?>(column.Name, true),
        ShardColumnType.WholeNumber => new DataField<long?>(column.Name, true),
        ShardColumnType.RealNumber => new DataField<double?>(column.Name, true),
        _ => new DataField<string>(column.Name, true),
    };
}
