using System.Buffers;
using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// Streams the records of a source file: JSON Lines one line at a time (memory flat in the number of lines), a JSON
/// document whole, a JSON array element by element, Parquet row by row. A record that does not parse is reported with
/// its position and the parser's reason, and reading goes on with the next one.
/// </summary>
public static partial class RecordFiles
{
    private const int ReadSize = 1 << 20;

    /// <summary>Reads rows by extension: <c>.jsonl</c> lines, <c>.json</c> array elements (or the single document), <c>.parquet</c> rows.</summary>
    public static IEnumerable<SourceRecord> Rows(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return ParquetRows(path, cancellationToken);
        }

        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? ArrayElements(path, cancellationToken)
            : Lines(path, cancellationToken);
    }

    /// <summary>The whole file as one JSON document (position <c>file</c>), read into a pooled buffer.</summary>
    public static IEnumerable<SourceRecord> Document(string path)
    {
        var (buffer, length) = ReadWhole(path);
        try
        {
            JsonDocument? document = null;
            string? error = null;
            try
            {
                document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 256 });
            }
            catch (JsonException exception)
            {
                error = Describe(exception);
            }

            if (document is null)
            {
                yield return new SourceRecord("file", default, error);
                yield break;
            }

            using (document)
            {
                yield return new SourceRecord("file", document.RootElement, null);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>JSON Lines: one record per non-blank line (<c>line N</c>, 1-based), read in 1 MiB chunks.</summary>
    public static IEnumerable<SourceRecord> Lines(string path, CancellationToken cancellationToken)
    {
        foreach (var line in RawLines(path, cancellationToken))
        {
            var position = $"line {line.Number}";
            var document = ParseLine(line, out var error);
            if (document is null)
            {
                yield return new SourceRecord(position, default, error);
                continue;
            }

            using (document)
            {
                yield return new SourceRecord(position, document.RootElement, null);
            }
        }
    }

    /// <summary>One JSON Lines record parsed (the document reads <paramref name="line"/>'s bytes in place), or null and why not.</summary>
    internal static JsonDocument? ParseLine(RawLine line, out string? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(line.Bytes, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException exception)
        {
            error = Describe(exception) + (line.Unterminated ? " (the last line has no newline: the file may be truncated)" : "");
            return null;
        }
    }

    /// <summary>The non-blank lines of a JSON Lines file, unparsed; each line's bytes are valid only until the next is read.</summary>
    internal static IEnumerable<RawLine> RawLines(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        try
        {
            var start = 0;
            var end = 0;
            var line = 0;
            var eof = false;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline < 0 && !eof)
                {
                    // Move the partial line to the front, grow if one line is bigger than the buffer, and read more.
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }

                    EnsureRoom(ref buffer, end);
                    var read = stream.Read(buffer, end, buffer.Length - end);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (read == 0)
                    {
                        eof = true;
                    }

                    end += read;
                    continue;
                }

                var lineEnd = newline < 0 ? end : newline;
                if (lineEnd == start && newline < 0)
                {
                    yield break;
                }

                line++;
                var memory = new ReadOnlyMemory<byte>(buffer, start, lineEnd - start);
                start = newline < 0 ? end : newline + 1;
                if (!IsBlank(memory.Span))
                {
                    yield return new RawLine(line, memory, newline < 0);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Room for another read after the buffer's first end bytes: a pooled array twice as large when less than a read is left.
    private static void EnsureRoom(ref byte[] buffer, int end)
    {
        if (buffer.Length - end < ReadSize)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, bigger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }
    }

    /// <summary>A file's bytes in an array rented from the pool (a <c>.traj</c> file is about 4 MB: not one new array per file).</summary>
    private static (byte[] Buffer, int Length) ReadWhole(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var size = RandomAccess.GetLength(handle);
        if (size >= Array.MaxLength)
        {
            throw new IOException($"{path}: {size} bytes is too large to read as one JSON document");
        }

        // One byte more than the file, so the read that finds its end needs no bigger buffer.
        var buffer = ArrayPool<byte>.Shared.Rent((int)size + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    private static string Describe(JsonException exception) =>
        $"not valid JSON: {exception.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.')}"
        + (exception.BytePositionInLine is { } column
            ? exception.LineNumber is > 0 and { } line ? $" (at line {line + 1}, byte {column + 1})" : $" (at byte {column + 1})"
            : "");
}
