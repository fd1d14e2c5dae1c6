using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Parquet.Meta;
using Snappier;
using ZstdSharp;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// The values of one flat text or binary column of a row group: each row's bytes, or null. Read by
/// <see cref="TryRead"/> straight from the column chunk's pages into pooled buffers (the values are slices of the
/// decompressed pages, no array per value), or wrapped from the arrays Parquet.Net read (<see cref="Of"/>) where the
/// chunk is one <see cref="TryRead"/> does not take. A page's buffer goes back to the pool once every row that reads it
/// is done (<see cref="RowDone"/>, in any order and from any thread), so a row group's text is held once and the large
/// object heap does not grow with the files.
/// </summary>
internal sealed class ParquetByteArrays : IDisposable
{
    // Parquet encodings.
    private const int Plain = 0;
    private const int PlainDictionary = 2;
    private const int Rle = 3;
    private const int RleDictionary = 8;

    private readonly byte[]?[]? _arrays;

    // While decoding: the pages and how many rows read each. Then sealed into arrays that rows give back concurrently.
    private readonly List<byte[]> _pages = [];
    private readonly List<int> _pageReaders = [];
    private byte[][] _held = [];
    private int[] _readers = [];
    private readonly int[] _page = [];
    private readonly int[] _offset = [];
    private readonly int[] _length = [];

    private ParquetByteArrays(byte[]?[] arrays)
    {
        _arrays = arrays;
        Count = arrays.Length;
    }

    private ParquetByteArrays(int rows)
    {
        Count = rows;
        _page = new int[rows];
        _offset = new int[rows];
        _length = new int[rows];
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>Whether the values are slices of the pages (read by <see cref="TryRead"/>), not Parquet.Net's arrays.</summary>
    public bool FromPages => _arrays is null;

    /// <summary>The pages still held: those that a row not yet done reads.</summary>
    public int PagesHeld => _held.Count(p => p.Length > 0) + _pages.Count;

    /// <summary>The values Parquet.Net read, one array per row (null for a null).</summary>
    public static ParquetByteArrays Of(byte[]?[] arrays) => new(arrays);

    /// <summary>
    /// Reads the values of the BYTE_ARRAY column chunk <paramref name="chunk"/> of a flat column (definition level 0
    /// or, when <paramref name="nullable"/>, 1) from <paramref name="stream"/>, or returns null when the chunk uses what
    /// this reader does not take (version 2 data pages, delta encodings, LZO or Hadoop LZ4, encryption) or does not
    /// decode (damage: Parquet.Net reads it then, and reports it as it did before).
    /// </summary>
    public static ParquetByteArrays? TryRead(Stream stream, ColumnChunk? chunk, int rows, bool nullable, CancellationToken cancellationToken)
    {
        if (chunk?.MetaData is not { Type: Parquet.Meta.Type.BYTE_ARRAY, PathInSchema.Count: 1 } meta || !CanDecompress(meta.Codec)
            || meta.TotalCompressedSize <= 0 || meta.TotalCompressedSize > Array.MaxLength || chunk!.CryptoMetadata is not null)
        {
            return null;
        }

        // Some writers give a dictionary offset of 0 for a chunk without a dictionary.
        var start = meta.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < meta.DataPageOffset ? dictionary : meta.DataPageOffset;
        if (start < 0 || start > stream.Length - meta.TotalCompressedSize)
        {
            return null;
        }

        var values = new ParquetByteArrays(rows);
        var bytes = ArrayPool<byte>.Shared.Rent((int)meta.TotalCompressedSize);
        try
        {
            var length = (int)meta.TotalCompressedSize;
            stream.Position = start;
            stream.ReadExactly(bytes, 0, length);
            cancellationToken.ThrowIfCancellationRequested();
            if (!values.Decode(bytes.AsSpan(0, length), meta.Codec, nullable, cancellationToken))
            {
                return Discard(values);
            }

            values.Seal();
            return values;
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException))
        {
            // Damage: Parquet.Net reads the column again and reports it as the row group that cannot be decoded.
            return Discard(values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Whether row <paramref name="row"/> is null; else its bytes in <paramref name="value"/>.</summary>
    public bool IsNull(int row, out ReadOnlySpan<byte> value)
    {
        if (_arrays is not null)
        {
            value = _arrays[row];
            return _arrays[row] is null;
        }

        if (_length[row] < 0)
        {
            value = default;
            return true;
        }

        value = _held[_page[row]].AsSpan(_offset[row], _length[row]);
        return false;
    }

    /// <summary>Row <paramref name="row"/>'s bytes, which must not be null, as memory (valid until the row is done).</summary>
    public ReadOnlyMemory<byte> Memory(int row) =>
        _arrays is not null ? _arrays[row] : _held[_page[row]].AsMemory(_offset[row], _length[row]);

    /// <summary>
    /// Lets go of row <paramref name="row"/>'s value (read no more of it): a page goes back to the pool once every row
    /// that reads it is done. Rows may be done in any order and on any thread, each once.
    /// </summary>
    public void RowDone(int row)
    {
        if (_arrays is not null)
        {
            _arrays[row] = null;
            return;
        }

        var page = _page[row];
        if (_length[row] < 0 || page < 0)
        {
            return;
        }

        _page[row] = -1;
        if (Interlocked.Decrement(ref _readers[page]) == 0)
        {
            Give(page);
        }
    }

    /// <summary>Gives every page back; no row may be read after it.</summary>
    public void Dispose()
    {
        if (_arrays is not null)
        {
            Array.Clear(_arrays);
            return;
        }

        for (var page = 0; page < _held.Length; page++)
        {
            Give(page);
        }

        foreach (var page in _pages)
        {
            ArrayPool<byte>.Shared.Return(page);
        }

        _pages.Clear();
    }

    // The pages become arrays rows give back concurrently; a page no row reads (dictionary indices) goes back now.
    private void Seal()
    {
        _held = [.. _pages];
        _readers = [.. _pageReaders];
        _pages.Clear();
        for (var page = 0; page < _held.Length; page++)
        {
            if (_readers[page] == 0)
            {
                Give(page);
            }
        }
    }

    private void Give(int page)
    {
        var buffer = Interlocked.Exchange(ref _held[page], []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ParquetByteArrays? Discard(ParquetByteArrays values)
    {
        values.Dispose();
        return null;
    }

    private static bool CanDecompress(CompressionCodec codec) =>
        codec is CompressionCodec.UNCOMPRESSED or CompressionCodec.SNAPPY or CompressionCodec.GZIP or CompressionCodec.ZSTD or CompressionCodec.BROTLI;

    // Decodes the chunk's pages into the rows; false for what this reader does not take.
    private bool Decode(ReadOnlySpan<byte> chunk, CompressionCodec codec, bool nullable, CancellationToken cancellationToken)
    {
        var dictionary = -1;
        var entries = new List<(int Offset, int Length)>();
        var row = 0;
        var at = 0;
        while (row < Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (at >= chunk.Length)
            {
                throw new InvalidDataException("the column chunk ends before its last row");
            }

            var header = ParquetPageHeader.Read(chunk[at..], out var headerLength);
            at += headerLength;
            if (header.CompressedSize > chunk.Length - at)
            {
                throw new InvalidDataException("a page runs past the column chunk");
            }

            var payload = chunk.Slice(at, header.CompressedSize);
            at += header.CompressedSize;
            switch (header.Type)
            {
                case ParquetPageHeader.IndexPage:
                    continue;
                case ParquetPageHeader.DictionaryPage when header.HasDictionaryHeader && dictionary < 0 && header.Encoding is Plain or PlainDictionary:
                    dictionary = AddPage(payload, header.UncompressedSize, codec);
                    var offset = 0;
                    var page = _pages[dictionary];
                    for (var i = 0; i < header.Values; i++)
                    {
                        entries.Add(PlainValue(page.AsSpan(0, header.UncompressedSize), ref offset));
                    }

                    break;
                case ParquetPageHeader.DataPage when header.HasDataHeader:
                    if (header.Values > Count - row || !DecodeDataPage(header, payload, codec, nullable, dictionary, entries, ref row))
                    {
                        return false;
                    }

                    break;
                default:
                    // Version 2 data pages, a second dictionary, a page of no known type.
                    return false;
            }
        }

        return true;
    }

    // One version 1 data page: definition levels (RLE, bit width 1) when nullable, then the values, plain or as
    // dictionary indices.
    private bool DecodeDataPage(ParquetPageHeader header, ReadOnlySpan<byte> payload, CompressionCodec codec, bool nullable, int dictionary,
        List<(int Offset, int Length)> entries, ref int row)
    {
        var index = AddPage(payload, header.UncompressedSize, codec);
        var page = _pages[index].AsSpan(0, header.UncompressedSize);
        var count = header.Values;
        var at = 0;
        var defined = new bool[count];
        if (nullable)
        {
            if (header.LevelEncoding != Rle || page.Length < 4)
            {
                return false;
            }

            var levelsLength = BinaryPrimitives.ReadInt32LittleEndian(page);
            if (levelsLength < 0 || levelsLength > page.Length - 4)
            {
                throw new InvalidDataException("definition levels run past the page");
            }

            var levels = new int[count];
            Hybrid(page.Slice(4, levelsLength), 1, levels);
            for (var i = 0; i < count; i++)
            {
                defined[i] = levels[i] switch
                {
                    0 => false,
                    1 => true,
                    _ => throw new InvalidDataException("a definition level over 1 in a flat column"),
                };
            }

            at = 4 + levelsLength;
        }
        else
        {
            defined.AsSpan().Fill(true);
        }

        var present = defined.Count(d => d);
        int[]? indices = null;
        if (header.Encoding is PlainDictionary or RleDictionary)
        {
            if (dictionary < 0 || at >= page.Length && present > 0)
            {
                throw new InvalidDataException("dictionary indices without a dictionary page");
            }

            indices = new int[present];
            if (present > 0)
            {
                var width = page[at];
                if (width > 32)
                {
                    throw new InvalidDataException("a dictionary index bit width over 32");
                }

                Hybrid(page[(at + 1)..], width, indices);
            }
        }
        else if (header.Encoding != Plain)
        {
            return false;
        }

        var value = 0;
        for (var i = 0; i < count; i++, row++)
        {
            if (!defined[i])
            {
                _length[row] = -1;
                continue;
            }

            if (indices is null)
            {
                (_offset[row], _length[row]) = PlainValue(page, ref at);
                _page[row] = index;
                _pageReaders[index]++;
            }
            else
            {
                var entry = indices[value];
                if ((uint)entry >= (uint)entries.Count)
                {
                    throw new InvalidDataException("a dictionary index past the dictionary");
                }

                (_offset[row], _length[row]) = entries[entry];
                _page[row] = dictionary;
                _pageReaders[dictionary]++;
            }

            value++;
        }

        return true;
    }

    // A plain BYTE_ARRAY value: a 4-byte little-endian length and the bytes.
    private static (int Offset, int Length) PlainValue(ReadOnlySpan<byte> page, ref int at)
    {
        if (page.Length - at < 4)
        {
            throw new InvalidDataException("a value runs past the page");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(page[at..]);
        if (length < 0 || length > page.Length - at - 4)
        {
            throw new InvalidDataException("a value runs past the page");
        }

        var offset = at + 4;
        at = offset + length;
        return (offset, length);
    }

    // The page's bytes, decompressed into a pooled buffer; the buffer's index among the pages.
    private int AddPage(ReadOnlySpan<byte> payload, int size, CompressionCodec codec)
    {
        if (size < 0)
        {
            throw new InvalidDataException("a page of negative size");
        }

        var page = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        _pages.Add(page);
        _pageReaders.Add(0);
        var written = codec switch
        {
            CompressionCodec.UNCOMPRESSED when payload.Length == size => payload.TryCopyTo(page) ? size : -1,
            CompressionCodec.SNAPPY when Snappy.GetUncompressedLength(payload) == size => Snappy.Decompress(payload, page),
            CompressionCodec.ZSTD => Unzstd(payload, page.AsSpan(0, size)),
            CompressionCodec.GZIP => Inflate(new GZipStream(Stream(payload), CompressionMode.Decompress), page.AsSpan(0, size)),
            CompressionCodec.BROTLI => Inflate(new BrotliStream(Stream(payload), CompressionMode.Decompress), page.AsSpan(0, size)),
            _ => -1,
        };
        if (written != size)
        {
            throw new InvalidDataException($"a page decompressed to {written} bytes, not the {size} its header gives");
        }

        return _pages.Count - 1;
    }

    private static int Unzstd(ReadOnlySpan<byte> payload, Span<byte> page)
    {
        using var decompressor = new Decompressor();
        return decompressor.Unwrap(payload, page);
    }

    // Reads the whole stream into the page; -1 if it holds more.
    private static int Inflate(Stream stream, Span<byte> page)
    {
        using (stream)
        {
            var read = 0;
            while (read < page.Length && stream.Read(page[read..]) is var n and > 0)
            {
                read += n;
            }

            Span<byte> more = stackalloc byte[1];
            return read == page.Length && stream.Read(more) > 0 ? -1 : read;
        }
    }

    private static MemoryStream Stream(ReadOnlySpan<byte> payload) => new(payload.ToArray(), writable: false);

    // The RLE / bit-packed hybrid encoding (levels and dictionary indices): fills all of values.
    private static void Hybrid(ReadOnlySpan<byte> bytes, int width, Span<int> values)
    {
        var byteWidth = (width + 7) / 8;
        var at = 0;
        var filled = 0;
        while (filled < values.Length)
        {
            var header = Varint(bytes, ref at);
            if ((header & 1) == 0)
            {
                var run = header >> 1;
                if (byteWidth > bytes.Length - at)
                {
                    throw new InvalidDataException("an RLE run past its data");
                }

                var value = 0;
                for (var i = 0; i < byteWidth; i++)
                {
                    value |= bytes[at + i] << (8 * i);
                }

                at += byteWidth;
                var take = (int)Math.Min(run, (ulong)(values.Length - filled));
                values.Slice(filled, take).Fill(value);
                filled += take;
                if (run == 0)
                {
                    throw new InvalidDataException("an empty RLE run");
                }
            }
            else
            {
                var groups = header >> 1;
                var bits = (long)groups * 8 * width;
                if (groups == 0 || (bits + 7) / 8 > bytes.Length - at)
                {
                    throw new InvalidDataException("a bit-packed run past its data");
                }

                var mask = width == 32 ? uint.MaxValue : (1u << width) - 1;
                var count = (int)Math.Min((ulong)groups * 8, (ulong)(values.Length - filled));
                for (var i = 0; i < count; i++)
                {
                    var bit = (long)i * width;
                    ulong word = 0;
                    var first = at + (int)(bit >> 3);
                    for (var b = 0; b < 5 && first + b < bytes.Length; b++)
                    {
                        word |= (ulong)bytes[first + b] << (8 * b);
                    }

                    values[filled + i] = (int)((word >> (int)(bit & 7)) & mask);
                }

                filled += count;
                at += (int)((bits + 7) / 8);
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= bytes.Length)
            {
                throw new InvalidDataException("an RLE header past its data");
            }

            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("an RLE header over 5 bytes");
    }
}
