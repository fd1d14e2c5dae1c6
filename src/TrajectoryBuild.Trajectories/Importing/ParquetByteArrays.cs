using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
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
/// object heap does not grow with the files. A large chunk of several pages is read from the file and decompressed page
/// by page as its rows are asked for (<see cref="Load"/>), so that a row group of any size holds the pages of the rows
/// not yet done, not all its text at once.
/// </summary>
internal sealed class ParquetByteArrays : IDisposable
{
    // Parquet encodings.
    private const int Plain = 0;
    private const int PlainDictionary = 2;
    private const int Rle = 3;
    private const int RleDictionary = 8;

    private readonly byte[]?[]? _arrays;

    // The pages (a dictionary page, then data pages, in the chunk's order) and how many rows not yet done read each;
    // an empty array once a page is given back. Rows give pages back concurrently, also while later pages are decoded.
    private byte[][] _held = [];
    private int[] _readers = [];
    private readonly int[] _page = [];
    private readonly int[] _offset = [];
    private readonly int[] _length = [];

    // While pages remain to be decoded: the chunk's compressed bytes (pooled), or the file they are read from a page at
    // a time into a scratch buffer (pooled); where the chunk starts in the file and how long it is, where the next page
    // header starts in it, the pages added, the rows decoded, the dictionary page (held for the rows still to come) and
    // its entries.
    private byte[]? _chunk;
    private Stream? _file;
    private byte[]? _scratch;
    private readonly long _start;
    private readonly int _chunkLength;
    private readonly CompressionCodec _codec;
    private readonly bool _nullable;
    private readonly int _maxDefinition;
    private readonly int _maxRepetition;

    // Each value's levels, kept for a column read with them (TryReadLevels).
    private readonly int[]? _definitions;
    private readonly int[]? _repetitions;
    private bool _finished;
    private int _at;
    private int _added;
    private int _loaded;
    private int _dictionary = -1;
    private readonly List<(int Offset, int Length)> _entries = [];

    private ParquetByteArrays(byte[]?[] arrays)
    {
        _arrays = arrays;
        Count = arrays.Length;
        _loaded = Count;
    }

    private ParquetByteArrays(int rows, long start, int chunkLength, CompressionCodec codec, int maxDefinition, int maxRepetition, bool levels)
    {
        Count = rows;
        _page = new int[rows];
        _offset = new int[rows];
        _length = new int[rows];
        _start = start;
        _chunkLength = chunkLength;
        _codec = codec;
        _nullable = maxDefinition > 0;
        _maxDefinition = maxDefinition;
        _maxRepetition = maxRepetition;
        _definitions = levels && maxDefinition > 0 ? new int[rows] : null;
        _repetitions = levels && maxRepetition > 0 ? new int[rows] : null;
    }

    /// <summary>
    /// The size (uncompressed) from which a column chunk of more than two pages is read and decoded as its rows are asked
    /// for rather than at once (<see cref="TryRead"/>'s <c>lazyBytes</c>); its pages are then decoded twice, first to
    /// check that the whole chunk decodes (a chunk that does not is left to Parquet.Net, as any other), then as the rows
    /// are loaded. The stream must stay open until the last row is loaded.
    /// </summary>
    public const long LazyBytes = 32 << 20;

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>Whether the values are slices of the pages (read by <see cref="TryRead"/>), not Parquet.Net's arrays.</summary>
    public bool FromPages => _arrays is null;

    /// <summary>The pages still held: those that a row not yet done reads.</summary>
    public int PagesHeld => _held.Count(p => p.Length > 0);

    /// <summary>How many rows, from the first, are decoded (and may be read).</summary>
    public int Loaded => _loaded;

    /// <summary>The values Parquet.Net read, one array per row (null for a null).</summary>
    public static ParquetByteArrays Of(byte[]?[] arrays) => new(arrays);

    /// <summary>
    /// Reads the values of the BYTE_ARRAY column chunk <paramref name="chunk"/> of a flat column (definition level 0
    /// or, when <paramref name="nullable"/>, 1) from <paramref name="stream"/>, or returns null when the chunk uses what
    /// this reader does not take (version 2 data pages, delta encodings, LZO or Hadoop LZ4, encryption) or does not
    /// decode (damage: Parquet.Net reads it then, and reports it as it did before). A chunk of more than two pages and
    /// of at least <paramref name="lazyBytes"/> uncompressed is read from the stream and decoded as its rows are loaded
    /// (<see cref="Load"/>; the stream must stay open until the last one is), any other at once.
    /// </summary>
    public static ParquetByteArrays? TryRead(Stream stream, ColumnChunk? chunk, int rows, bool nullable, CancellationToken cancellationToken, long lazyBytes = LazyBytes) =>
        chunk?.MetaData is { PathInSchema.Count: 1 } ? Read(stream, chunk, rows, nullable ? 1 : 0, 0, levels: false, lazyBytes, cancellationToken) : null;

    /// <summary>
    /// Reads every value of the BYTE_ARRAY column chunk <paramref name="chunk"/> of a column at any depth, with its
    /// definition and repetition levels (<see cref="Definitions"/>, <see cref="Repetitions"/>; values, nulls and empty
    /// lists alike are its entries, <see cref="Count"/>), at once; or null, as <see cref="TryRead"/>.
    /// </summary>
    public static ParquetByteArrays? TryReadLevels(Stream stream, ColumnChunk? chunk, int maxDefinition, int maxRepetition, CancellationToken cancellationToken) =>
        chunk?.MetaData is { NumValues: >= 0 and <= int.MaxValue } meta && maxDefinition >= 0 && maxRepetition >= 0
            ? Read(stream, chunk, (int)meta.NumValues, maxDefinition, maxRepetition, levels: true, long.MaxValue, cancellationToken)
            : null;

    /// <summary>
    /// Each entry's definition level, for a column read with its levels whose highest level is above 0 (else null);
    /// the reader's own array, not to be written.
    /// </summary>
    public int[]? Definitions => _definitions;

    /// <summary>Each entry's repetition level, for a column read with its levels inside a list (else null); not to be written.</summary>
    public int[]? Repetitions => _repetitions;

    private static ParquetByteArrays? Read(Stream stream, ColumnChunk chunk, int rows, int maxDefinition, int maxRepetition, bool levels, long lazyBytes,
        CancellationToken cancellationToken)
    {
        if (chunk.MetaData is not { Type: Parquet.Meta.Type.BYTE_ARRAY } meta || !CanDecompress(meta.Codec)
            || meta.TotalCompressedSize <= 0 || meta.TotalCompressedSize > Array.MaxLength || chunk.CryptoMetadata is not null)
        {
            return null;
        }

        // Some writers give a dictionary offset of 0 for a chunk without a dictionary.
        var start = meta.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < meta.DataPageOffset ? dictionary : meta.DataPageOffset;
        if (start < 0 || start > stream.Length - meta.TotalCompressedSize)
        {
            return null;
        }

        var values = new ParquetByteArrays(rows, start, (int)meta.TotalCompressedSize, meta.Codec, maxDefinition, maxRepetition, levels);
        try
        {
            if (meta.TotalUncompressedSize >= lazyBytes)
            {
                // Read from the file a page at a time: every page decoded once and given back, so the chunk decodes and
                // loading its rows later cannot fail.
                values._file = stream;
                if (values.CountPages() is { } lazyPages and > 2)
                {
                    values.Allocate(lazyPages);
                    if (!values.LoadAll(keep: false, cancellationToken))
                    {
                        return Discard(ref values);
                    }

                    values.Restart();
                    return Handed(ref values);
                }

                values._file = null;
            }

            values._chunk = ArrayPool<byte>.Shared.Rent(values._chunkLength);
            stream.Position = start;
            stream.ReadExactly(values._chunk, 0, values._chunkLength);
            cancellationToken.ThrowIfCancellationRequested();
            if (values.CountPages() is not { } pages)
            {
                return Discard(ref values);
            }

            values.Allocate(pages);
            return values.LoadAll(keep: true, cancellationToken) ? Handed(ref values) : Discard(ref values);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException))
        {
            // Damage: Parquet.Net reads the column again and reports it as the row group that cannot be decoded.
            return Discard(ref values);
        }
        finally
        {
            values?.Dispose();
        }
    }

    /// <summary>
    /// Decodes the pages that rows up to <paramref name="rows"/> (exclusive) read, if not yet done. Called by the one
    /// thread that hands the rows out, before it hands out any of them: a row is read only once loaded.
    /// </summary>
    public void Load(int rows)
    {
        while (_loaded < Math.Min(rows, Count))
        {
            if (!DecodeNextPage(keep: true))
            {
                throw new InvalidOperationException("a column chunk that decoded once did not decode again");
            }
        }

        if (_loaded == Count)
        {
            Finish();
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

        ReturnBuffers();
    }

    private void Allocate(int pages)
    {
        _held = new byte[pages][];
        Array.Fill(_held, []);
        _readers = new int[pages];
    }

    // The values, handed to the caller: no longer disposed when TryRead returns.
    private static ParquetByteArrays Handed(ref ParquetByteArrays? values)
    {
        var handed = values!;
        values = null;
        return handed;
    }

    // Decodes every page; with keep false each page goes back as soon as it is decoded (the check before loading).
    private bool LoadAll(bool keep, CancellationToken cancellationToken)
    {
        while (_loaded < Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!DecodeNextPage(keep))
            {
                return false;
            }
        }

        if (keep)
        {
            Finish();
        }

        return true;
    }

    // Back to the first page after the check, every page given back.
    private void Restart()
    {
        _at = 0;
        _added = 0;
        _loaded = 0;
        _dictionary = -1;
        _entries.Clear();
        Array.Clear(_readers);
    }

    // Every page decoded: the compressed bytes go back (the file is read no more), and so does the dictionary once no
    // row reads it.
    private void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        ReturnBuffers();
        if (_dictionary >= 0 && Interlocked.Decrement(ref _readers[_dictionary]) == 0)
        {
            Give(_dictionary);
        }
    }

    private void ReturnBuffers()
    {
        _file = null;
        foreach (var buffer in new[] { Interlocked.Exchange(ref _chunk, null), Interlocked.Exchange(ref _scratch, null) })
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
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

    private static ParquetByteArrays? Discard(ref ParquetByteArrays? values)
    {
        values?.Dispose();
        values = null;
        return null;
    }

    private static bool CanDecompress(CompressionCodec codec) =>
        codec is CompressionCodec.UNCOMPRESSED or CompressionCodec.SNAPPY or CompressionCodec.GZIP or CompressionCodec.ZSTD or CompressionCodec.BROTLI;

    // The pages the rows take (a dictionary page and the data pages), from their headers alone (the reading position
    // is back at the first page afterwards); null for a chunk with what this reader does not take.
    private int? CountPages()
    {
        var pages = 0;
        var dictionary = false;
        var values = 0;
        try
        {
            while (values < Count)
            {
                if (_at >= _chunkLength)
                {
                    return null;
                }

                var header = NextPage(readPayload: false, out _);
                switch (KindOf(header, dictionary, Count - values))
                {
                    case PageKind.Skipped:
                        continue;
                    case PageKind.Dictionary:
                        dictionary = true;
                        break;
                    case PageKind.Data:
                        values += header.Values;
                        break;
                    default:
                        return null;
                }

                pages++;
            }

            return pages;
        }
        finally
        {
            _at = 0;
        }
    }

    // The next page's header, and its compressed bytes when asked for (valid until the next page is read): from the
    // chunk's bytes, or read from the file.
    private ParquetPageHeader NextPage(bool readPayload, out ReadOnlySpan<byte> payload)
    {
        if (_at >= _chunkLength)
        {
            throw new InvalidDataException("the column chunk ends before its last row");
        }

        int headerLength;
        var header = _chunk is { } chunk ? ParquetPageHeader.Read(chunk.AsSpan(_at, _chunkLength - _at), out headerLength) : ReadHeader(out headerLength);
        _at += headerLength;
        if (header.CompressedSize > _chunkLength - _at)
        {
            throw new InvalidDataException("a page runs past the column chunk");
        }

        payload = default;
        if (readPayload)
        {
            if (_chunk is { } bytes)
            {
                payload = bytes.AsSpan(_at, header.CompressedSize);
            }
            else
            {
                var buffer = Scratch(header.CompressedSize);
                _file!.Position = _start + _at;
                _file.ReadExactly(buffer, 0, header.CompressedSize);
                payload = buffer.AsSpan(0, header.CompressedSize);
            }
        }

        _at += header.CompressedSize;
        return header;
    }

    // A page header read from the file: the first 4 KB of what is left of the chunk, more while that cuts the header
    // short (statistics may hold long values).
    private ParquetPageHeader ReadHeader(out int headerLength)
    {
        var remaining = _chunkLength - _at;
        var size = Math.Min(remaining, 4096);
        while (true)
        {
            var buffer = Scratch(size);
            _file!.Position = _start + _at;
            _file.ReadExactly(buffer, 0, size);
            try
            {
                return ParquetPageHeader.Read(buffer.AsSpan(0, size), out headerLength);
            }
            catch (InvalidDataException) when (size < remaining)
            {
                size = (int)Math.Min(remaining, 16L * size);
            }
        }
    }

    private byte[] Scratch(int size)
    {
        if (_scratch is { } scratch && scratch.Length >= size)
        {
            return scratch;
        }

        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
        }

        return _scratch = ArrayPool<byte>.Shared.Rent(Math.Max(size, 4096));
    }

    // Decodes the next dictionary or data page into the rows (with keep false, giving it back at once); false for what
    // this reader does not take.
    private bool DecodeNextPage(bool keep)
    {
        while (true)
        {
            var header = NextPage(readPayload: true, out var payload);
            switch (KindOf(header, _dictionary >= 0, Count - _loaded))
            {
                case PageKind.Skipped:
                    continue;
                case PageKind.Dictionary:
                    _dictionary = AddPage(payload, header.UncompressedSize);
                    // Held for the rows of the pages still to come; let go when the last page is decoded.
                    _readers[_dictionary] = 1;
                    var offset = 0;
                    var page = _held[_dictionary];
                    for (var i = 0; i < header.Values; i++)
                    {
                        _entries.Add(PlainValue(page.AsSpan(0, header.UncompressedSize), ref offset));
                    }

                    if (!keep)
                    {
                        Give(_dictionary);
                    }

                    return true;
                case PageKind.Data:
                    if (DecodeDataPage(header, payload) is not { } index)
                    {
                        return false;
                    }

                    // A page no row reads (dictionary indices, nulls) goes back now.
                    if (!keep || _readers[index] == 0)
                    {
                        Give(index);
                    }

                    return true;
                default:
                    return false;
            }
        }
    }

    // What a page is to this reader, for counting the pages and for decoding them alike: skipped (an index page), the
    // chunk's one dictionary, a version 1 data page of at most rowsLeft values, or what it does not take (version 2 data
    // pages, a second dictionary, more values than rows, a page of no known type).
    private static PageKind KindOf(ParquetPageHeader header, bool hasDictionary, int rowsLeft) => header.Type switch
    {
        ParquetPageHeader.IndexPage => PageKind.Skipped,
        ParquetPageHeader.DictionaryPage when header.HasDictionaryHeader && !hasDictionary && header.Encoding is Plain or PlainDictionary => PageKind.Dictionary,
        ParquetPageHeader.DataPage when header.HasDataHeader && header.Values <= rowsLeft => PageKind.Data,
        _ => PageKind.NotTaken,
    };

    // One version 1 data page: repetition levels in a column inside a list, definition levels when any level may be
    // unset (each RLE, of the bit width of the highest level), then the values, plain or as dictionary indices; the
    // page's index, or null for what this reader does not take. Values from _loaded on.
    private int? DecodeDataPage(ParquetPageHeader header, ReadOnlySpan<byte> payload)
    {
        var nullable = _nullable;
        var dictionary = _dictionary;
        var entries = _entries;
        var index = AddPage(payload, header.UncompressedSize);
        var page = _held[index].AsSpan(0, header.UncompressedSize);
        var count = header.Values;
        var at = 0;
        var defined = new bool[count];
        if (_maxRepetition > 0)
        {
            if (header.RepetitionLevelEncoding != Rle)
            {
                return null;
            }

            // Into the kept levels, or only to be skipped.
            at = Levels(page, at, _maxRepetition, _repetitions is null ? new int[count] : _repetitions.AsSpan(_loaded, count));
        }

        if (nullable)
        {
            if (header.LevelEncoding != Rle)
            {
                return null;
            }

            var levels = _definitions is null ? new int[count] : _definitions.AsSpan(_loaded, count);
            at = Levels(page, at, _maxDefinition, levels);
            for (var i = 0; i < count; i++)
            {
                defined[i] = levels[i] == _maxDefinition;
            }
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
            return null;
        }

        var value = 0;
        var row = _loaded;
        var pageReaders = 0;
        var dictionaryReaders = 0;
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
                pageReaders++;
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
                dictionaryReaders++;
            }

            value++;
        }

        // No row of this page is handed out yet, but rows of earlier pages may be giving the dictionary back.
        _readers[index] = pageReaders;
        if (dictionaryReaders > 0)
        {
            Interlocked.Add(ref _readers[dictionary], dictionaryReaders);
        }

        _loaded = row;
        return index;
    }

    // Levels of at most max from at: a 4-byte little-endian length, then RLE / bit-packed at the bit width of max; where
    // what follows them starts.
    private static int Levels(ReadOnlySpan<byte> page, int at, int max, Span<int> levels)
    {
        if (page.Length - at < 4)
        {
            throw new InvalidDataException("levels run past the page");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(page[at..]);
        if (length < 0 || length > page.Length - at - 4)
        {
            throw new InvalidDataException("levels run past the page");
        }

        Hybrid(page.Slice(at + 4, length), 32 - BitOperations.LeadingZeroCount((uint)max), levels);
        foreach (var level in levels)
        {
            if (level > max)
            {
                throw new InvalidDataException($"a level over {max}, the column's highest");
            }
        }

        return at + 4 + length;
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

    // The page's bytes, decompressed into a pooled buffer; the page's index.
    private int AddPage(ReadOnlySpan<byte> payload, int size)
    {
        if (size < 0)
        {
            throw new InvalidDataException("a page of negative size");
        }

        if (_added == _held.Length)
        {
            throw new InvalidDataException("more pages than the column chunk's headers gave");
        }

        var page = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        var index = _added++;
        _held[index] = page;
        var written = _codec switch
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

        return index;
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

    private enum PageKind
    {
        Skipped,
        Dictionary,
        Data,
        NotTaken,
    }
}
