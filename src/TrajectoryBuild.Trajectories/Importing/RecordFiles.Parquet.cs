using System.Text.Json;
using Parquet;
using Parquet.Serialization;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing;

public static partial class RecordFiles
{
    /// <summary>
    /// Parquet rows (<c>row N</c>, 1-based), each converted to a JSON object: one row group in memory at a time;
    /// nested lists and structs become arrays and objects (every struct field present, null when unset), binary
    /// values base64. A file that is not Parquet or is truncated is one record with the reason (position <c>file</c>);
    /// a row group that cannot be decoded is one record (<c>row group N</c>) and reading goes on with the next.
    /// </summary>
    public static IEnumerable<SourceRecord> ParquetRows(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = ParquetFile.Open(path, cancellationToken);
        if (file.Error is not null)
        {
            yield return new SourceRecord("file", default, file.Error);
            yield break;
        }

        var firstRow = 1L;
        for (var group = 0; group < file.Groups.Count; group++)
        {
            foreach (var record in ParquetRowGroup(file.ReadRowGroup(group, cancellationToken), group, firstRow, cancellationToken))
            {
                yield return record;
            }

            firstRow += file.Groups[group];
        }
    }

    /// <summary>
    /// The rows of row group <paramref name="group"/> (0-based), numbered from <paramref name="firstRow"/>; a group that
    /// cannot be decoded is one record <c>row group N</c> (1-based) with the reason. With <paramref name="end"/>
    /// (<see cref="ParquetFile.GroupEnd"/>), the file is read as a file of that row group alone.
    /// </summary>
    internal static IEnumerable<SourceRecord> ParquetRowGroup(string path, int group, long firstRow, CancellationToken cancellationToken, ParquetGroupEnd? end = null) =>
        end is null
            ? ParquetRowGroup(path, group, firstRow, byColumns: true, cancellationToken)
            : ParquetRowGroup(ReadParquetRowGroup(path, end, cancellationToken), group, firstRow, cancellationToken);

    /// <summary>
    /// <see cref="ParquetRowGroup(string, int, long, CancellationToken, ParquetGroupEnd?)"/>, with the choice of reading a row group
    /// by its columns (a flat one by <see cref="ParquetColumns"/>, a nested one by <see cref="ParquetNestedRows"/>) or
    /// always as Parquet.Net's row dictionaries: the tests compare the two.
    /// </summary>
    internal static IEnumerable<SourceRecord> ParquetRowGroup(string path, int group, long firstRow, bool byColumns, CancellationToken cancellationToken,
        long lazyBytes = ParquetByteArrays.LazyBytes) =>
        ParquetRowGroup(ReadParquetRowGroup(path, group, byColumns, cancellationToken, lazyBytes), group, firstRow, cancellationToken);

    // The records of a row group read (or why it could not be).
    private static IEnumerable<SourceRecord> ParquetRowGroup((ParquetRowGroupRows? Rows, string? Error) read, int group, long firstRow, CancellationToken cancellationToken)
    {
        var (rows, error) = read;
        if (error is not null)
        {
            yield return new SourceRecord($"row group {group + 1}", default, error);
            yield break;
        }

        using (rows)
        {
            foreach (var record in ParquetRowRecords(rows!, 0, rows!.Count, firstRow, cancellationToken, loads: true))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Decodes row group <paramref name="group"/> (0-based) once, so that several workers can each write some of its rows
    /// (<see cref="ParquetRowRecords"/>); or why it cannot be decoded.
    /// </summary>
    internal static (ParquetRowGroupRows? Rows, string? Error) ReadParquetRowGroup(string path, int group, bool byColumns, CancellationToken cancellationToken,
        long lazyBytes = ParquetByteArrays.LazyBytes)
    {
        // Rows read by columns may read their pages from the file as they are loaded: they keep it open.
        var stream = OpenParquet(path);
        return ReadRowGroup(stream, null, group, byColumns, cancellationToken, lazyBytes, ownedStream: stream);
    }

    /// <summary>
    /// The records of rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 (0-based in
    /// the group) of <paramref name="rows"/>, numbered from <paramref name="firstRow"/> (the number of the group's first
    /// row), each let go once read. With <paramref name="embedded"/> (column names), rows read by columns keep those
    /// columns' valid UTF-8 texts out of their JSON (<see cref="EmbeddedTexts"/>, in <see cref="SourceRecord.Texts"/>),
    /// holding them until the next record is read. With <paramref name="loads"/> (the caller alone reads the rows), each
    /// row is loaded before it is read; otherwise whoever handed the rows out has loaded them.
    /// </summary>
    internal static IEnumerable<SourceRecord> ParquetRowRecords(ParquetRowGroupRows rows, int start, int count, long firstRow, CancellationToken cancellationToken,
        IReadOnlySet<string>? embedded = null, bool loads = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // Pooled: a row of a long trajectory is hundreds of kilobytes, and a batch of a few such rows would otherwise leave
        // a large array behind.
        using var buffer = new PooledBufferWriter(1 << 16);
        var texts = embedded is { Count: > 0 } ? new EmbeddedTexts(embedded) : null;
        var options = new JsonDocumentOptions { MaxDepth = 256 };
        for (var index = start; index < start + count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            JsonDocument? document = null;
            try
            {
                if (loads)
                {
                    rows.Load(index + 1);
                }

                document = WriteRow(rows, index, buffer, texts, options);
                yield return new SourceRecord($"row {firstRow + index}", document.RootElement, null) { Texts = texts is { Count: > 0 } ? texts : null };
            }
            finally
            {
                document?.Dispose();
                texts?.Release();
            }
        }
    }

    // Row index written as JSON into the buffer, and parsed. A text kept out of it leaves a valid empty string in its
    // place, so the row parses as it did with the text in.
    private static JsonDocument WriteRow(ParquetRowGroupRows rows, int index, PooledBufferWriter buffer, EmbeddedTexts? texts, JsonDocumentOptions options)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, TrajectoryWriter.Options))
        {
            rows.Write(writer, index, texts);
        }

        texts?.SetRow(buffer.WrittenMemory);
        return JsonDocument.Parse(buffer.WrittenMemory, options);
    }

    // The one row group of the file at path read with end (ParquetFile.GroupEnd).
    private static (ParquetRowGroupRows? Rows, string? Error) ReadParquetRowGroup(string path, ParquetGroupEnd end, CancellationToken cancellationToken)
    {
        using var stream = OpenParquet(path);
        return ReadRowGroup(end.Open(stream), null, 0, byColumns: true, cancellationToken);
    }

    // Row group group of the file in stream, from its reader when it has one open (else its footer is read here). Rows
    // read by columns may read the stream as they are loaded: it stays open until they are disposed, and with
    // ownedStream (the stream itself) they dispose it; otherwise it is disposed here, once read.
    internal static (ParquetRowGroupRows? Rows, string? Error) ReadRowGroup(Stream stream, ParquetReader? opened, int group, bool byColumns, CancellationToken cancellationToken,
        long lazyBytes = ParquetByteArrays.LazyBytes, Stream? ownedStream = null)
    {
        var handedOver = false;
        try
        {
            if (byColumns)
            {
                var reader = opened ?? ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken).GetAwaiter().GetResult();
                try
                {
                    if (ParquetColumns.Read(reader, stream, group, cancellationToken, lazyBytes) is { } columns)
                    {
                        handedOver = true;
                        return (new ParquetRowGroupRows(columns.Count, columns.Write, columns.SizeOf, ownedStream is null ? columns : new Both(columns, ownedStream), columns.Load), null);
                    }

                    // Read whole: the stream is not needed once they are.
                    if (ParquetNestedRows.Read(reader, stream, group, cancellationToken) is { } nested)
                    {
                        return (new ParquetRowGroupRows(nested.Count, (writer, index, _) => nested.Write(writer, index), null, nested), null);
                    }
                }
                finally
                {
                    if (opened is null)
                    {
                        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    }
                }
            }

            stream.Position = 0;
            var result = ParquetSerializer.DeserializeUntypedAsync(stream, null, group, cancellationToken).GetAwaiter().GetResult();
            var (rows, schema) = (result.Data, result.Schema);
            return (new ParquetRowGroupRows(rows.Count, (writer, index, _) => WriteParquetRow(writer, schema, rows[index]), null, null), null);
        }
        catch (Exception exception) when (IsParquetFailure(exception))
        {
            return (null, $"the row group cannot be decoded (corrupt or truncated): {exception.Message}");
        }
        finally
        {
            if (!handedOver)
            {
                ownedStream?.Dispose();
            }
        }
    }

    // Two things disposed together: rows read by columns and the file they read their pages from.
    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }

    // A Parquet file opened for the reader's scattered reads: the footer, then each column chunk.
    internal static FileStream OpenParquet(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);

    // A damaged file makes Parquet.Net throw almost anything (a Thrift protocol error for a broken page header, index and
    // cast errors from broken lengths): all of it is the file's fault, as in the task-row reader (Mining).
    internal static bool IsParquetFailure(Exception exception) => exception is not (OperationCanceledException or OutOfMemoryException);
}
