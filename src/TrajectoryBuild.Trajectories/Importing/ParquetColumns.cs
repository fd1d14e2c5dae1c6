using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Parquet;
using Parquet.Schema;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// The rows of one Parquet row group whose columns are all flat (no lists, structs or maps), read column by column:
/// text and binary columns as the file's own bytes (<see cref="ParquetByteArrays"/>: slices of the decompressed pages
/// where it can, else the arrays Parquet.Net reads), the others as boxed values. This is what the Hugging Face rows
/// that keep their messages as a JSON string look like; reading them this way skips Parquet.Net's row dictionaries
/// and the UTF-16 copy of every string. A row's values are let go once the row is written (a text kept out of the row,
/// once it is released), so a row group's text is held once; a large column chunk of many pages is decompressed as its
/// rows are loaded (<see cref="Load"/>), so not even once at a time. Rows come out as the row-dictionary reader writes
/// them (<c>ParquetRowsTests</c> compares the two). Dispose it to give back the pages of rows not written.
/// </summary>
internal sealed class ParquetColumns : IDisposable
{
    private static readonly MethodInfo s_values = typeof(ParquetColumns).GetMethod(nameof(Values), BindingFlags.NonPublic | BindingFlags.Static)!;

    private const int MaxTokenText = 4 << 20;

    private readonly Column[] _columns;

    private ParquetColumns(Column[] columns, int rows)
    {
        _columns = columns;
        Count = rows;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>The pages its text and binary columns still hold: those that a row not yet done reads.</summary>
    public int PagesHeld => _columns.Sum(c => c?.Bytes?.PagesHeld ?? 0);

    /// <summary>
    /// Decodes the pages that rows up to <paramref name="rows"/> (exclusive) read, where a large column chunk is
    /// decoded as its rows are asked for (<see cref="ParquetByteArrays.Load"/>). Rows are read only once loaded; the
    /// one thread that hands them out loads them.
    /// </summary>
    public void Load(int rows)
    {
        foreach (var column in _columns)
        {
            column.Bytes?.Load(rows);
        }
    }

    /// <summary>The text and binary columns whose values are slices of their pages (the others Parquet.Net read).</summary>
    public IEnumerable<string> FromPages => _columns.Where(c => c.Bytes?.FromPages == true).Select(c => c.Name);

    /// <summary>
    /// The columns of row group <paramref name="group"/>, or null when a column is not flat or of a type this reader
    /// does not take (the caller reads the group otherwise then: <see cref="ParquetNestedRows"/>, or row dictionaries).
    /// </summary>
    public static ParquetColumns? Read(ParquetReader reader, Stream stream, int group, CancellationToken cancellationToken, long lazyBytes = ParquetByteArrays.LazyBytes)
    {
        if (!Takes(reader.Schema))
        {
            return null;
        }

        var dataFields = reader.Schema.Fields.Cast<DataField>().ToArray();
        var kinds = dataFields.Select(KindOf).ToArray();

        // A text column is read through a byte[] field of the same name, which Parquet.Net fills with the page's bytes.
        // (A schema needs a field: a group of numbers and flags alone has none to read so.)
        var byteFields = dataFields.Where((_, i) => kinds[i] != ColumnKind.Boxed).Select(f => new DataField<byte[]>(f.Name, f.IsNullable)).ToArray();
        var asBytes = byteFields.Length == 0
            ? []
            : new ParquetSchema(byteFields).GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        using var rowGroup = reader.OpenRowGroupReader(group);
        var rows = checked((int)rowGroup.RowCount);
        var columns = new Column[dataFields.Length];
        var read = new ParquetColumns(columns, rows);
        try
        {
            for (var i = 0; i < dataFields.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var field = dataFields[i];
                if (!rowGroup.ColumnExists(field))
                {
                    read.Dispose();
                    return null;
                }

                if (kinds[i] == ColumnKind.Boxed)
                {
                    // Unwrapped, a decoding failure is what the caller knows how to report (the row group cannot be decoded).
                    var values = s_values.MakeGenericMethod(field.ClrType).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [rowGroup, field, rows, cancellationToken], null);
                    columns[i] = new Column(field.Name, kinds[i], null, (object?[])values!);
                    continue;
                }

                columns[i] = new Column(field.Name, kinds[i], Bytes(rowGroup, stream, field, asBytes[field.Name], rows, lazyBytes, cancellationToken), null);
            }

            return read;
        }
        catch
        {
            read.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether row groups of <paramref name="schema"/> are read by columns: every column flat (no lists, structs or maps),
    /// each name once, of a type this reader takes.
    /// </summary>
    public static bool Takes(ParquetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = schema.Fields;
        if (fields.Count == 0 || !fields.All(f => f is DataField { IsArray: false }))
        {
            return false;
        }

        var dataFields = fields.Cast<DataField>().ToArray();
        return RecordFiles.UniqueNames(dataFields) && !dataFields.Any(f => KindOf(f) == ColumnKind.Unknown);
    }

    /// <summary>The bytes of row <paramref name="row"/>'s text and binary values, until the row is written.</summary>
    public long SizeOf(int row)
    {
        long size = 0;
        foreach (var column in _columns)
        {
            if (column.Bytes is { } bytes && !bytes.IsNull(row, out var value))
            {
                size += value.Length;
            }
        }

        return size;
    }

    /// <summary>
    /// Writes row <paramref name="row"/> (0-based) as a JSON object, fields in schema order, and lets its values go. Each
    /// row is written once; different rows may be written at once on different threads. With <paramref name="texts"/>,
    /// the valid UTF-8 texts of the columns it names are kept out of the row (an empty string in their place) and held
    /// until <see cref="EmbeddedTexts.Release"/>.
    /// </summary>
    public void Write(Utf8JsonWriter writer, int row, EmbeddedTexts? texts)
    {
        writer.WriteStartObject();
        foreach (var column in _columns)
        {
            writer.WritePropertyName(column.Name);
            switch (column.Kind)
            {
                case ColumnKind.Text or ColumnKind.Binary when column.Bytes!.IsNull(row, out _):
                    writer.WriteNullValue();
                    column.Bytes.RowDone(row);
                    break;
                case ColumnKind.Text when texts is not null && texts.Columns.Contains(column.Name) && column.Bytes!.Memory(row) is var kept && Utf8.IsValid(kept.Span):
                    // The writer writes the property's value where it has come to: the placeholder's offset in the row.
                    texts.Add(checked((int)(writer.BytesCommitted + writer.BytesPending)), column.Bytes, row);
                    writer.WriteStringValue(ReadOnlySpan<byte>.Empty);
                    break;
                case ColumnKind.Text:
                    column.Bytes!.IsNull(row, out var text);
                    WriteText(writer, text);
                    column.Bytes.RowDone(row);
                    break;
                case ColumnKind.Binary:
                    column.Bytes!.IsNull(row, out var bytes);
                    writer.WriteBase64StringValue(bytes);
                    column.Bytes.RowDone(row);
                    break;
                default:
                    RecordFiles.WriteParquetValue(writer, null, column.Boxed![row]);
                    column.Boxed[row] = null;
                    break;
            }
        }

        writer.WriteEndObject();
    }

    // The writer's token for the text, written by JsonTokens (the writer's encoder takes one character at a time once a
    // string needs escaping, and a JSON string column escapes every quote) into a buffer of six times the text's
    // length, so a text over 4 MB is left to the writer. Parquet.Net decodes text with replacement characters for bytes
    // that are not UTF-8; so does this.
    internal static void WriteText(Utf8JsonWriter writer, ReadOnlySpan<byte> text)
    {
        if (text.Length <= MaxTokenText)
        {
            var token = ArrayPool<byte>.Shared.Rent(JsonTokens.MaxTokenLength(text.Length));
            try
            {
                var length = JsonTokens.WriteText(text, token);
                if (length >= 0)
                {
                    writer.WriteRawValue(token.AsSpan(0, length), skipInputValidation: true);
                    return;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(token);
            }
        }

        if (Utf8.IsValid(text))
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteStringValue(Encoding.UTF8.GetString(text));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var column in _columns)
        {
            column?.Bytes?.Dispose();
        }
    }

    // A text or binary column's values: from its pages where ParquetByteArrays takes the chunk, else as Parquet.Net reads them.
    private static ParquetByteArrays Bytes(ParquetRowGroupReader rowGroup, Stream stream, DataField field, DataField asBytes, int rows, long lazyBytes, CancellationToken cancellationToken)
    {
        if (ParquetByteArrays.TryRead(stream, rowGroup.GetMetadata(field), rows, field.IsNullable, cancellationToken, lazyBytes) is { } pages)
        {
            return pages;
        }

        var bytes = new byte[]?[rows];
        rowGroup.ReadAsync(asBytes, bytes.AsMemory(), null, cancellationToken).AsTask().GetAwaiter().GetResult();
        return ParquetByteArrays.Of(bytes);
    }

    private static ColumnKind KindOf(DataField field) => field.ClrType switch
    {
        var type when type == typeof(string) || type == typeof(ReadOnlyMemory<char>) => ColumnKind.Text,
        var type when type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) => ColumnKind.Binary,
        { IsValueType: true, IsGenericType: false } => ColumnKind.Boxed,
        _ => ColumnKind.Unknown,
    };

    private static object?[] Values<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        var boxed = new object?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken).AsTask().GetAwaiter().GetResult();
            for (var i = 0; i < rows; i++)
            {
                boxed[i] = values[i];
            }
        }
        else
        {
            var values = new T[rows];
            rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken).AsTask().GetAwaiter().GetResult();
            for (var i = 0; i < rows; i++)
            {
                boxed[i] = values[i];
            }
        }

        return boxed;
    }

    private enum ColumnKind
    {
        Unknown,
        Text,
        Binary,
        Boxed,
    }

    private sealed record Column(string Name, ColumnKind Kind, ParquetByteArrays? Bytes, object?[]? Boxed);
}
