using System.Buffers;
using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing;

public static partial class RecordFiles
{
    /// <summary>
    /// The elements of a top-level JSON array (<c>element N</c>, 1-based), read in chunks: memory follows the largest
    /// element, not the file. Where the file stops being valid JSON, the elements before that point are read and the
    /// rest is one record with the reason (at the element it broke, or <c>file</c> between elements). A document that
    /// is not an array is one record (<c>file</c>).
    /// </summary>
    public static IEnumerable<SourceRecord> ArrayElements(string path, CancellationToken cancellationToken)
    {
        foreach (var element in RawElements(path, cancellationToken))
        {
            if (element.NotAnArray)
            {
                foreach (var record in Document(path))
                {
                    yield return record;
                }

                yield break;
            }

            if (element.Error is { } error)
            {
                yield return new SourceRecord(element.Position, default, error);
                yield break;
            }

            // Parsed as ImportRunner's workers parse the elements it cuts (the reader has validated them: they parse).
            using var document = ParseLine(new RawLine(0, element.Bytes, Unterminated: false), out var invalid);
            yield return new SourceRecord(element.Position, document?.RootElement ?? default, invalid);
        }
    }

    /// <summary>
    /// The elements of a top-level JSON array, unparsed but validated, each element's bytes valid only until the next is
    /// read; then, if the file is not valid JSON to its end, one item with the reason. A file whose root is not an array
    /// is one item that says so (<see cref="RawElement.NotAnArray"/>).
    /// </summary>
    internal static IEnumerable<RawElement> RawElements(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        var scan = new ArrayScan();
        try
        {
            var end = 0;
            var eof = false;
            while (true)
            {
                // Keep the element being read and what the reader has not consumed; grow if one element outgrows the buffer.
                var keep = scan.ElementStart >= 0 ? scan.ElementStart : scan.ReadFrom;
                if (keep > 0)
                {
                    Buffer.BlockCopy(buffer, keep, buffer, 0, end - keep);
                    end -= keep;
                    scan.Shift(keep);
                }

                EnsureRoom(ref buffer, end);
                var read = stream.Read(buffer, end, buffer.Length - end);
                cancellationToken.ThrowIfCancellationRequested();
                eof = read == 0;
                end += read;
                scan.Read(buffer.AsSpan(0, end), eof);
                foreach (var (start, length) in scan.Found)
                {
                    scan.Number++;
                    yield return new RawElement($"element {scan.Number}", buffer.AsMemory(start, length));
                }

                if (scan.NotAnArray)
                {
                    yield return new RawElement("file", default) { NotAnArray = true };
                    yield break;
                }

                if (scan.Error is { } error)
                {
                    yield return new RawElement(scan.ElementStart >= 0 ? $"element {scan.Number + 1}" : "file", default) { Error = error };
                    yield break;
                }

                if (eof)
                {
                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One element of a JSON array file (<see cref="RawElements"/>), or why the file could not be read further.</summary>
    internal readonly record struct RawElement(string Position, ReadOnlyMemory<byte> Bytes)
    {
        /// <summary>Why the file is not valid JSON from here on (then it has no bytes).</summary>
        public string? Error { get; init; }

        /// <summary>The file's root is not an array: it is one document.</summary>
        public bool NotAnArray { get; init; }
    }

    // The state of reading a JSON array file chunk by chunk: where the reader resumes, the element it is inside, the
    // elements the last chunk completed (buffer offsets), and how it ended.
    private sealed class ArrayScan
    {
        private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 256 });
        private bool _rooted;

        public int ReadFrom { get; private set; }

        public int ElementStart { get; private set; } = -1;

        public int Number { get; set; }

        public List<(int Start, int Length)> Found { get; } = [];

        public bool NotAnArray { get; private set; }

        public string? Error { get; private set; }

        public void Shift(int by)
        {
            ReadFrom -= by;
            if (ElementStart >= 0)
            {
                ElementStart -= by;
            }
        }

        // Reads the tokens of buffer from ReadFrom on, as far as they are complete (to the end when final).
        public void Read(ReadOnlySpan<byte> buffer, bool final)
        {
            Found.Clear();
            var reader = new Utf8JsonReader(buffer[ReadFrom..], final, _state);
            try
            {
                while (reader.Read())
                {
                    if (!_rooted)
                    {
                        _rooted = true;
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            NotAnArray = true;
                            return;
                        }

                        continue;
                    }

                    if (reader.CurrentDepth != 1)
                    {
                        continue;
                    }

                    var at = ReadFrom + (int)reader.TokenStartIndex;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject or JsonTokenType.StartArray:
                            ElementStart = at;
                            break;
                        case JsonTokenType.EndObject or JsonTokenType.EndArray:
                            Found.Add((ElementStart, ReadFrom + (int)reader.BytesConsumed - ElementStart));
                            ElementStart = -1;
                            break;
                        default:
                            Found.Add((at, ReadFrom + (int)reader.BytesConsumed - at));
                            break;
                    }
                }
            }
            catch (JsonException exception)
            {
                Error = Describe(exception);
                return;
            }

            ReadFrom += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }
    }
}
