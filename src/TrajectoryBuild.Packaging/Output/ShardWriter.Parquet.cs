using System.Buffers;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace TrajectoryBuild.Packaging.Output;

public static partial class ShardWriter
{
    /// <summary>
    /// How many bytes of compact JSON rows go into one Parquet row group at most (a row longer than that is a group of
    /// its own): a writer holds one group's rows and their column values, so memory stays bounded by this, not by the shard's size.
    /// </summary>
    internal const int RowGroupBytes = 16 << 20;

    // Fixed options so the bytes depend on the rows only: Snappy, no dictionary-size sampling surprises.
    private static readonly ParquetOptions s_parquetOptions = new() { CompressionMethod = CompressionMethod.Snappy };

    // One shard's rows, read back from the spill one row group at a time, written column by column: each value is taken
    // from its row's bytes where the row's writer found it, not parsed again with the rest of the row.
    private static async Task ParquetAsync(IReadOnlyList<ShardColumn> columns, int[] ids, RowSpill spill, List<SpilledRow> slice, Stream stream, CancellationToken cancellationToken)
    {
        var fields = columns.Select(FieldOf).ToList();
        using var reader = spill.OpenReader();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema([.. fields]), stream, s_parquetOptions, false, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var group in RowGroups(slice))
            {
                var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, group.Sum(row => row.Length)));
                try
                {
                    var starts = new int[group.Count];
                    for (int i = 0, at = 0; i < group.Count; at += group[i].Length, i++)
                    {
                        reader.Read(group[i].Place, bytes.AsSpan(at, group[i].Length));
                        starts[i] = at;
                    }

                    await WriteRowGroupAsync(writer, fields, columns, ids, new GroupRows(group, bytes, starts), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
        }
    }

    // A row group's rows and their bytes, read back from the spill one after the other.
    private sealed record GroupRows(List<SpilledRow> Rows, byte[] Bytes, int[] Starts)
    {
        // The row's value of a column, or empty when it has none; a JSON null is a value here.
        public ReadOnlySpan<byte> Value(int row, int column) => ValueSlice.Find(Rows[row].Values, column, Bytes.AsSpan(Starts[row], Rows[row].Length));
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

    private static async Task WriteRowGroupAsync(ParquetWriter writer, List<DataField> fields, IReadOnlyList<ShardColumn> columns, int[] ids, GroupRows rows, CancellationToken cancellationToken)
    {
        using var group = writer.CreateRowGroup();
        for (var index = 0; index < columns.Count; index++)
        {
            var column = ids[index];
            switch (columns[index].Type)
            {
                case ShardColumnType.Flag:
                    await group.WriteAsync(fields[index], Scalars(rows, column, static (ref reader) => reader.GetBoolean()), null, null, cancellationToken).ConfigureAwait(false);
                    break;
                case ShardColumnType.WholeNumber:
                    await group.WriteAsync(fields[index], Scalars(rows, column, static (ref reader) => reader.GetInt64()), null, null, cancellationToken).ConfigureAwait(false);
                    break;
                case ShardColumnType.RealNumber:
                    await group.WriteAsync(fields[index], Scalars(rows, column, static (ref reader) => reader.GetDouble()), null, null, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await WriteTextAsync(group, fields[index], rows, column, columns[index].Type == ShardColumnType.Text, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        group.CompleteValidate();
    }

    // Reads a scalar from a reader on its token.
    private delegate T ScalarOf<T>(ref Utf8JsonReader reader);

    // The values of a flag or number column, null where a row has none (or a JSON null).
    private static ReadOnlyMemory<T?> Scalars<T>(GroupRows rows, int column, ScalarOf<T> read)
        where T : struct
    {
        var values = new T?[rows.Rows.Count];
        for (var row = 0; row < values.Length; row++)
        {
            values[row] = Scalar(rows.Value(row, column), out var reader) ? read(ref reader) : null;
        }

        return values;
    }

    // A text column (a string's unescaped text) or a JSON column (each value's compact JSON text): every value is
    // decoded into one pooled run of characters and handed over as a slice of it, not as a string of its own.
    private static async Task WriteTextAsync(ParquetRowGroupWriter group, DataField field, GroupRows rows, int column, bool text, CancellationToken cancellationToken)
    {
        var count = rows.Rows.Count;
        var length = 0;
        for (var row = 0; row < count; row++)
        {
            length += rows.Value(row, column).Length;
        }

        // A value never has more UTF-16 characters than UTF-8 bytes, nor more once unescaped.
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, length));
        try
        {
            var values = new ReadOnlyMemory<char>?[count];
            var at = 0;
            for (var row = 0; row < count; row++)
            {
                var value = rows.Value(row, column);
                if (IsNull(value))
                {
                    continue;
                }

                int written;
                if (text)
                {
                    Scalar(value, out var reader);
                    written = reader.CopyString(chars.AsSpan(at));
                }
                else
                {
                    written = CompactJson(value, chars.AsSpan(at));
                }

                values[row] = chars.AsMemory(at, written);
                at += written;
            }

            await group.WriteAsync(field, new ReadOnlyMemory<ReadOnlyMemory<char>?>(values), null, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    // False for a missing value or a JSON null; otherwise a reader on the value's one token.
    private static bool Scalar(ReadOnlySpan<byte> value, out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(value);
        if (IsNull(value))
        {
            return false;
        }

        reader.Read();
        return true;
    }

    // A row without the column, or with null in it: no value in the Parquet column.
    private static bool IsNull(ReadOnlySpan<byte> value) => value.IsEmpty || value.SequenceEqual("null"u8);

    private static DataField FieldOf(ShardColumn column) => column.Type switch
    {
        ShardColumnType.Flag => new DataField<bool?>(column.Name, true),
        ShardColumnType.WholeNumber => new DataField<long?>(column.Name, true),
        ShardColumnType.RealNumber => new DataField<double?>(column.Name, true),
        _ => new DataField<string>(column.Name, true),
    };
}
