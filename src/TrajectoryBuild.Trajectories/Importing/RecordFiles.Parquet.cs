using System.Buffers;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
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
        var (groups, error) = ParquetRowGroups(path, cancellationToken);
        if (error is not null)
        {
            yield return new SourceRecord("file", default, error);
            yield break;
        }

        var firstRow = 1L;
        for (var group = 0; group < groups.Count; group++)
        {
            foreach (var record in ParquetRowGroup(path, group, firstRow, cancellationToken))
            {
                yield return record;
            }

            firstRow += groups[group];
        }
    }

    /// <summary>
    /// The row count of each row group of a Parquet file (from its footer), or why the file cannot be read (not Parquet,
    /// truncated): what <see cref="ImportRunner"/> needs to convert the row groups on several cores.
    /// </summary>
    internal static (IReadOnlyList<long> Groups, string? Error) ParquetRowGroups(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        try
        {
            var reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken).GetAwaiter().GetResult();
            try
            {
                return ([.. reader.RowGroups.Select(g => g.RowCount)], null);
            }
            finally
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception exception) when (IsParquetFailure(exception))
        {
            return ([], $"not a readable Parquet file (truncated or another format): {exception.Message}");
        }
    }

    /// <summary>
    /// The rows of row group <paramref name="group"/> (0-based), numbered from <paramref name="firstRow"/>; a group that
    /// cannot be decoded is one record <c>row group N</c> (1-based) with the reason.
    /// </summary>
    internal static IEnumerable<SourceRecord> ParquetRowGroup(string path, int group, long firstRow, CancellationToken cancellationToken)
    {
        IList<Dictionary<string, object>>? rows;
        ParquetSchema? schema;
        string? error;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess))
        {
            (rows, schema, error) = ReadRowGroup(stream, group, cancellationToken);
        }

        if (error is not null)
        {
            yield return new SourceRecord($"row group {group + 1}", default, error);
            yield break;
        }

        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var row = firstRow;
        foreach (var values in rows!)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, TrajectoryWriter.Options))
            {
                WriteParquetRow(writer, schema!, values);
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 256 });
            yield return new SourceRecord($"row {row++}", document.RootElement, null);
        }
    }

    private static (IList<Dictionary<string, object>>? Rows, ParquetSchema? Schema, string? Error) ReadRowGroup(Stream stream, int group, CancellationToken cancellationToken)
    {
        try
        {
            stream.Position = 0;
            var result = ParquetSerializer.DeserializeUntypedAsync(stream, null, group, cancellationToken).GetAwaiter().GetResult();
            return (result.Data, result.Schema, null);
        }
        catch (Exception exception) when (IsParquetFailure(exception))
        {
            return (null, null, $"the row group cannot be decoded (corrupt or truncated): {exception.Message}");
        }
    }

    private static bool IsParquetFailure(Exception exception) =>
        exception is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException
            or IndexOutOfRangeException or OverflowException or ApplicationException or FormatException or EndOfStreamException;
}
