using Parquet.Meta;
using Snappier;
using TrajectoryBuild.Trajectories.Importing;
using Encoding = System.Text.Encoding;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

/// Column chunks built page by page, in the shapes Parquet.Net does not write (several data pages after one dictionary,
/// bit-packed levels and indices, an index page, version 2 pages), read by ParquetByteArrays.
public sealed class ParquetByteArraysTests
{
    // Thrift compact types and Parquet codes.
    private const int I32 = 5;
    private const int Binary = 8;
    private const int Struct = 12;
    private const int Plain = 0;
    private const int Rle = 3;
    private const int RleDictionary = 8;

    private static readonly string?[] s_expected = ["p1", null, "p2", "p3", "gamma", "alpha", null, "", "gamma", null, null];

    [Theory]
    [InlineData(CompressionCodec.UNCOMPRESSED)]
    [InlineData(CompressionCodec.SNAPPY)]
    public void Pages_AfterOneDictionary_PlainAndDictionaryEncoded_WithNulls_ReadRowByRow(CompressionCodec codec)
    {
        var (stream, chunk) = Chunk(codec, Pages(codec));
        using var values = ParquetByteArrays.TryRead(stream, chunk, s_expected.Length, nullable: true, CancellationToken.None).ShouldNotBeNull();

        values.FromPages.ShouldBeTrue();
        Values(values).ShouldBe(s_expected);

        // The dictionary-indexed pages hold no value of their own and went back at once. The plain page goes back once its
        // three values are done (rows 0, 2 and 3, in any order), the dictionary once the four rows that read it are.
        values.PagesHeld.ShouldBe(2);
        foreach (var row in new[] { 3, 1, 6, 9 })
        {
            values.RowDone(row);
        }

        values.PagesHeld.ShouldBe(2);
        values.RowDone(0);
        values.RowDone(0);
        values.PagesHeld.ShouldBe(2, "a row done twice counts once");
        values.RowDone(2);
        values.PagesHeld.ShouldBe(1);
        values.IsNull(4, out var gamma).ShouldBeFalse();
        Encoding.UTF8.GetString(gamma).ShouldBe("gamma");
        foreach (var row in new[] { 8, 5, 7 })
        {
            values.RowDone(row);
        }

        values.PagesHeld.ShouldBe(1);
        values.RowDone(4);
        values.PagesHeld.ShouldBe(0);
    }

    [Theory]
    [InlineData(CompressionCodec.UNCOMPRESSED)]
    [InlineData(CompressionCodec.SNAPPY)]
    public void LargeChunks_AreDecodedAsTheirRowsAreLoaded_TheDictionaryHeldUntilTheLastPage(CompressionCodec codec)
    {
        var (stream, chunk) = Chunk(codec, Pages(codec));
        using var values = ParquetByteArrays.TryRead(stream, chunk, s_expected.Length, nullable: true, CancellationToken.None, lazyBytes: 0).ShouldNotBeNull();

        // Checked whole first, then nothing held until rows are asked for.
        values.FromPages.ShouldBeTrue();
        values.Loaded.ShouldBe(0);
        values.PagesHeld.ShouldBe(0);

        // The dictionary and the plain page of rows 0-3.
        values.Load(1);
        values.Loaded.ShouldBe(4);
        values.PagesHeld.ShouldBe(2);
        values.Load(4);
        values.Loaded.ShouldBe(4, "rows already loaded decode nothing more");
        var read = new List<string?>();
        for (var row = 0; row < 4; row++)
        {
            read.Add(values.IsNull(row, out var bytes) ? null : Encoding.UTF8.GetString(bytes));
            values.RowDone(row);
        }

        values.PagesHeld.ShouldBe(1, "the dictionary is held for the pages still to come");

        // The dictionary-indexed page of rows 4-8 holds no value of its own; the dictionary outlives the rows that read it
        // until the last page is decoded.
        values.Load(5);
        values.Loaded.ShouldBe(9);
        values.PagesHeld.ShouldBe(1);
        for (var row = 4; row < 9; row++)
        {
            read.Add(values.IsNull(row, out var bytes) ? null : Encoding.UTF8.GetString(bytes));
            values.RowDone(row);
        }

        values.PagesHeld.ShouldBe(1);
        values.Load(int.MaxValue);
        values.Loaded.ShouldBe(s_expected.Length);
        values.PagesHeld.ShouldBe(0);
        read.AddRange(Enumerable.Range(9, 2).Select(r => values.IsNull(r, out var bytes) ? null : Encoding.UTF8.GetString(bytes)));
        read.ShouldBe(s_expected);
    }

    [Fact]
    public void LargeChunks_ReadFromTheFileAPageAtATime_TakeHeadersLongerThanTheFirstRead()
    {
        // Page headers with statistics of 10 KB and 70 KB (a writer may keep a long text's minimum in them): the first
        // 4 KB read of a header cuts it short, and the reader reads more.
        var pages = new[]
        {
            DataPage(2, Plain, Concat(Levels(0x04, 0x01), Plain32("a"), Plain32("b")), statistics: true, minLength: 10_000),
            DataPage(1, Plain, Concat(Levels(0x02, 0x01), Plain32("c")), statistics: true, minLength: 70_000),
            DataPage(2, Plain, Concat(Levels(0x04, 0x01), Plain32("d"), Plain32("e"))),
        };
        var (stream, chunk) = Chunk(CompressionCodec.UNCOMPRESSED, pages, trailer: 64);
        using var values = ParquetByteArrays.TryRead(stream, chunk, 5, nullable: true, CancellationToken.None, lazyBytes: 0).ShouldNotBeNull();

        values.Loaded.ShouldBe(0);
        values.Load(5);
        Values(values).ShouldBe(["a", "b", "c", "d", "e"]);
    }

    [Fact]
    public async Task LargeChunks_RowsDoneOnSeveralThreadsWhileLaterPagesAreLoaded_GiveEachPageBackOnce()
    {
        // A dictionary, then 64 pages of 50 rows, every other one dictionary-indexed: one thread loads the rows in order and
        // hands them to 4 threads that read and finish them.
        const int perPage = 50;
        var dictionary = Page(2, Concat(Plain32("d0"), Plain32("d1")), field: 7, [(1, 2), (2, Plain)]);
        var pages = Enumerable.Range(0, 64).Select(p => p % 2 == 0
            ? DataPage(perPage, Plain, Concat([Levels(0x64, 0x01), .. Enumerable.Range(0, perPage).Select(r => Plain32($"{p}.{r}"))]))
            : DataPage(perPage, RleDictionary, Concat(Levels(0x64, 0x01), [1, 0x64, 0x01]))).ToArray();
        var (stream, chunk) = Chunk(CompressionCodec.UNCOMPRESSED, [dictionary, .. pages]);
        var rows = 64 * perPage;
        using var values = ParquetByteArrays.TryRead(stream, chunk, rows, nullable: true, CancellationToken.None, lazyBytes: 0).ShouldNotBeNull();
        values.PagesHeld.ShouldBe(0);

        var read = new string?[rows];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var handed = new System.Collections.Concurrent.BlockingCollection<int>(boundedCapacity: 120);
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            foreach (var row in handed.GetConsumingEnumerable(TestContext.Current.CancellationToken))
            {
                // A row that cannot be read is noted, and the rest still taken, so the loading thread never waits for room.
                try
                {
                    read[row] = values.IsNull(row, out var bytes) ? null : Encoding.UTF8.GetString(bytes);
                    values.RowDone(row);
                }
                catch (Exception exception)
                {
                    failures.Enqueue(exception);
                }
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        var mostHeld = 0;
        for (var row = 0; row < rows; row++)
        {
            values.Load(row + 1);
            mostHeld = Math.Max(mostHeld, values.PagesHeld);
            handed.Add(row, TestContext.Current.CancellationToken);
        }

        handed.CompleteAdding();
        await Task.WhenAll(workers);

        failures.ShouldBeEmpty();
        read.ShouldAllBe(text => text != null);
        values.PagesHeld.ShouldBe(0);
        read[0].ShouldBe("0.0");
        read[50].ShouldBe("d1");
        read[^1].ShouldBe("d1");
        read[^51].ShouldBe("62.49");
        // At most the 120 rows waiting, the page being handed out and the dictionary: never all 33 pages of values.
        mostHeld.ShouldBeLessThanOrEqualTo(5);
    }

    [Fact]
    public void RowsDoneOnSeveralThreads_GiveEachPageBackOnce()
    {
        // 64 plain pages of 50 rows each, every row done once from 4 threads in a shuffled order.
        const int perPage = 50;
        var pages = Enumerable.Range(0, 64).Select(p => DataPage(perPage, Plain, Concat([Levels(0x64, 0x01), .. Enumerable.Range(0, perPage).Select(r => Plain32($"{p}.{r}"))]))).ToArray();
        var (stream, chunk) = Chunk(CompressionCodec.UNCOMPRESSED, pages);
        var rows = 64 * perPage;
        using var values = ParquetByteArrays.TryRead(stream, chunk, rows, nullable: true, CancellationToken.None).ShouldNotBeNull();
        values.PagesHeld.ShouldBe(64);
        Values(values)[^1].ShouldBe("63.49");

        var order = Enumerable.Range(0, rows).OrderBy(r => (r * 7919) % rows).ToArray();
        System.Threading.Tasks.Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = 4 }, values.RowDone);

        values.PagesHeld.ShouldBe(0);
    }

    [Fact]
    public void RequiredColumn_HasNoDefinitionLevels()
    {
        var page = Concat(Plain32("a"), Plain32("bc"));
        var (stream, chunk) = Chunk(CompressionCodec.UNCOMPRESSED, [DataPage(2, Plain, page)]);
        using var values = ParquetByteArrays.TryRead(stream, chunk, 2, nullable: false, CancellationToken.None).ShouldNotBeNull();
        Values(values).ShouldBe(["a", "bc"]);
    }

    [Fact]
    public void WhatThePagesReaderDoesNotTake_IsLeftToParquetNet()
    {
        var pages = Pages();

        // A version 2 data page.
        var v2 = Header(3, 4, 4, field: 8, [(1, 1), (2, 0), (3, 1), (4, Plain), (5, 0), (6, 0)]).Concat(Plain32("")).ToArray();
        Read(CompressionCodec.UNCOMPRESSED, [.. pages, v2], s_expected.Length + 1).ShouldBeNull();

        // Delta encodings, and definition levels in the deprecated bit-packed encoding.
        Read(CompressionCodec.UNCOMPRESSED, [DataPage(1, 6, Concat(Levels(0x02, 0x01), Plain32("x")))], 1).ShouldBeNull();
        Read(CompressionCodec.UNCOMPRESSED, [DataPage(1, Plain, Concat(Levels(0x02, 0x01), Plain32("x")), levelEncoding: 4)], 1).ShouldBeNull();

        // A codec it does not decompress, a column that is not BYTE_ARRAY, a chunk past the end of the file.
        var (stream, chunk) = Chunk(CompressionCodec.LZ4, pages);
        ParquetByteArrays.TryRead(stream, chunk, s_expected.Length, true, CancellationToken.None).ShouldBeNull();
        (stream, chunk) = Chunk(CompressionCodec.UNCOMPRESSED, pages);
        chunk.MetaData!.Type = Parquet.Meta.Type.INT64;
        ParquetByteArrays.TryRead(stream, chunk, s_expected.Length, true, CancellationToken.None).ShouldBeNull();
        (stream, chunk) = Chunk(CompressionCodec.UNCOMPRESSED, pages);
        chunk.MetaData!.TotalCompressedSize += 1;
        ParquetByteArrays.TryRead(stream, chunk, s_expected.Length, true, CancellationToken.None).ShouldBeNull();

        // Fewer values than rows, or more.
        Read(CompressionCodec.UNCOMPRESSED, pages, s_expected.Length + 1).ShouldBeNull();
        Read(CompressionCodec.UNCOMPRESSED, pages, s_expected.Length - 1).ShouldBeNull();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DamagedChunks_AreNeverThrown_AndNeverReadPastTheChunk(bool lazy)
    {
        var good = Pages().SelectMany(p => p).ToArray();
        var random = new Random(20261126);
        var decoded = 0;
        for (var n = 0; n < 3000; n++)
        {
            var bytes = (byte[])good.Clone();
            var at = random.Next(bytes.Length);
            for (var k = 0; k < 1 + random.Next(4) && at + k < bytes.Length; k++)
            {
                bytes[at + k] = (byte)random.Next(256);
            }

            // The chunk sits between other bytes of the file, which a reader running past it would read.
            var (stream, chunk) = Chunk(CompressionCodec.UNCOMPRESSED, [bytes], trailer: 64);
            var values = Should.NotThrow(() => ParquetByteArrays.TryRead(stream, chunk, s_expected.Length, true, CancellationToken.None, lazy ? 0 : ParquetByteArrays.LazyBytes));
            if (values is not null)
            {
                decoded++;
                // A chunk taken is one that decodes: loading it page by page afterwards cannot fail.
                Should.NotThrow(() => values.Load(values.Count));
                Should.NotThrow(() => Values(values));
                values.Dispose();
            }
        }

        decoded.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(CompressionCodec.UNCOMPRESSED)]
    [InlineData(CompressionCodec.SNAPPY)]
    public void ColumnsInLists_AreReadWithTheirLevels_BitPackedAtTheWidthOfTheHighestLevel(CompressionCodec codec)
    {
        // Repetition levels 0 1 1 0 0 1 0 1 (bit-packed, width 1), definition levels 3 2 3 0 1 3 3 3 (bit-packed, width 2):
        // five values, at the entries whose level is 3.
        var payload = Concat(Levels(0x03, 0xA6), Levels(0x03, 0x3B, 0xFD), Plain32("a"), Plain32("b"), Plain32("c"), Plain32("d"), Plain32(""));
        var page = DataPage(8, Plain, payload, codec: codec);
        var (stream, chunk) = Chunk(codec, [page], values: 8);

        using var values = ParquetByteArrays.TryReadLevels(stream, chunk, maxDefinition: 3, maxRepetition: 1, CancellationToken.None);

        values.ShouldNotBeNull();
        values.Count.ShouldBe(8);
        values.Repetitions.ShouldBe([0, 1, 1, 0, 0, 1, 0, 1]);
        values.Definitions.ShouldBe([3, 2, 3, 0, 1, 3, 3, 3]);
        Values(values).ShouldBe(["a", null, "b", null, null, "c", "d", ""]);
        ParquetByteArrays.TryReadLevels(stream, chunk, maxDefinition: 2, maxRepetition: 1, CancellationToken.None).ShouldBeNull("a level over the column's highest");
    }

    private static ParquetByteArrays? Read(CompressionCodec codec, byte[][] pages, int rows)
    {
        var (stream, chunk) = Chunk(codec, pages);
        return ParquetByteArrays.TryRead(stream, chunk, rows, nullable: true, CancellationToken.None);
    }

    private static List<string?> Values(ParquetByteArrays values) =>
        [.. Enumerable.Range(0, values.Count).Select(r => values.IsNull(r, out var bytes) ? null : Encoding.UTF8.GetString(bytes))];

    // A dictionary page, a plain page with bit-packed levels, an index page, a dictionary-indexed page with RLE levels and
    // bit-packed indices, and a page of nulls; their payloads compressed as the codec says.
    private static byte[][] Pages(CompressionCodec codec = CompressionCodec.UNCOMPRESSED) =>
    [
        Page(2, Concat(Plain32("alpha"), Plain32(""), Plain32("gamma")), field: 7, [(1, 3), (2, Plain)], codec),
        DataPage(4, Plain, Concat(Levels(0x03, 0b0000_1101), Plain32("p1"), Plain32("p2"), Plain32("p3")), statistics: true, codec: codec),
        Page(1, [], field: 6, [], codec),
        DataPage(5, RleDictionary, Concat(Levels(0x04, 0x01, 0x02, 0x00, 0x04, 0x01), [2, 0x03, 2 | (1 << 4) | (2 << 6), 0]), codec: codec),
        DataPage(2, RleDictionary, Concat(Levels(0x04, 0x00), [0]), codec: codec),
    ];

    private static byte[] DataPage(int values, int encoding, byte[] payload, int levelEncoding = Rle, bool statistics = false, CompressionCodec codec = CompressionCodec.UNCOMPRESSED,
        int minLength = 2) =>
        Page(0, payload, field: 5, [(1, values), (2, encoding), (3, levelEncoding), (4, Rle)], codec, statistics, minLength);

    // A page: its header (with both sizes) and its payload, Snappy-compressed when the codec says so.
    private static byte[] Page(int type, byte[] payload, int field, (int Id, int Value)[] members, CompressionCodec codec = CompressionCodec.UNCOMPRESSED, bool statistics = false,
        int minLength = 2)
    {
        var stored = codec == CompressionCodec.SNAPPY ? Snappy.CompressToArray(payload) : payload;
        return [.. Header(type, payload.Length, stored.Length, field, members, statistics, minLength), .. stored];
    }

    // A page header: type, sizes, a CRC (skipped), and the page type's struct of i32 members (with a statistics struct of
    // binary min (of minLength bytes) and max, skipped, when asked).
    private static List<byte> Header(int type, int uncompressed, int compressed, int field, (int Id, int Value)[] members, bool statistics = false, int minLength = 2)
    {
        var bytes = new List<byte>();
        var last = 0;
        Int32(bytes, ref last, 1, type);
        Int32(bytes, ref last, 2, uncompressed);
        Int32(bytes, ref last, 3, compressed);
        Int32(bytes, ref last, 4, 12345);
        bytes.Add((byte)(((field - last) << 4) | Struct));
        var inner = 0;
        foreach (var (id, value) in members)
        {
            Int32(bytes, ref inner, id, value);
        }

        if (statistics)
        {
            bytes.Add((byte)(((5 - inner) << 4) | Struct));
            bytes.Add((1 << 4) | Binary);
            for (var length = (uint)minLength; ; length >>= 7)
            {
                bytes.Add((byte)(length >= 0x80 ? (length & 0x7F) | 0x80 : length));
                if (length < 0x80)
                {
                    break;
                }
            }

            bytes.AddRange(Enumerable.Repeat((byte)'a', minLength));
            bytes.AddRange([(1 << 4) | Binary, 1, (byte)'z', 0]);
        }

        bytes.Add(0);
        bytes.Add(0);
        return bytes;
    }

    private static void Int32(List<byte> bytes, ref int last, int id, int value)
    {
        bytes.Add((byte)(((id - last) << 4) | I32));
        last = id;
        var zigzag = (uint)((value << 1) ^ (value >> 31));
        while (zigzag >= 0x80)
        {
            bytes.Add((byte)(zigzag | 0x80));
            zigzag >>= 7;
        }

        bytes.Add((byte)zigzag);
    }

    // Definition levels in a version 1 page: their length, then the RLE / bit-packed runs.
    private static byte[] Levels(params byte[] runs) => [.. BitConverter.GetBytes(runs.Length), .. runs];

    private static byte[] Plain32(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return [.. BitConverter.GetBytes(bytes.Length), .. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    // The pages in a file after 4 bytes ("PAR1") and before a trailer; the chunk's metadata points at them.
    private static (Stream Stream, ColumnChunk Chunk) Chunk(CompressionCodec codec, byte[][] pages, int trailer = 0, int? values = null)
    {
        var file = new List<byte>("PAR1"u8.ToArray());
        foreach (var page in pages)
        {
            file.AddRange(page);
        }

        var length = file.Count - 4;
        file.AddRange(Enumerable.Repeat((byte)0xEE, trailer));
        var chunk = new ColumnChunk
        {
            MetaData = new ColumnMetaData
            {
                Type = Parquet.Meta.Type.BYTE_ARRAY,
                PathInSchema = ["v"],
                Codec = codec,
                NumValues = values ?? s_expected.Length,
                TotalCompressedSize = length,
                DataPageOffset = 4,
            },
        };
        return (new MemoryStream([.. file], writable: false), chunk);
    }
}
