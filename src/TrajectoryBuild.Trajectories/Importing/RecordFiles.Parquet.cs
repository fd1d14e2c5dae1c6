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
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        var (groups, error) = OpenParquet(stream, cancellationToken);
        if (error is not null)
        {
            yield return new SourceRecord("file", default, error);
            yield break;
        }

        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var row = 0L;
        for (var group = 0; group < groups; group++)
        {
            var (rows, schema, groupError) = ReadRowGroup(stream, group, cancellationToken);
            if (groupError is not null)
            {
                yield return new SourceRecord($"row group {group + 1}", default, groupError);
                continue;
            }

            foreach (var values in rows!)
            {
                cancellationToken.ThrowIfCancellationRequested();
                row++;
                buffer.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(buffer, TrajectoryWriter.Options))
                {
                    WriteParquetRow(writer, schema!, values);
                }

                using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 256 });
                yield return new SourceRecord($"row {row}", document.RootElement, null);
            }
        }
    }

    private static (int Groups, string? Error) OpenParquet(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            var reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken).GetAwaiter().GetResult();
            try
            {
                return (reader.RowGroupCount, null);
            }
            finally
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception exception) when (IsParquetFailure(exception))
        {
            return (0, $"not a readable Parquet file (truncated or another format): {exception.Message}");
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
