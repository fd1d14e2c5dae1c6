namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// A Parquet page header, read from its Thrift compact encoding: the fields <see cref="ParquetByteArrays"/> needs
/// (page type, sizes, the data or dictionary page's value count and encodings); every other field is skipped. Input
/// that is not a well-formed header throws <see cref="InvalidDataException"/>; nothing is read past the span.
/// </summary>
internal readonly record struct ParquetPageHeader(
    int Type, int UncompressedSize, int CompressedSize, int Values, int Encoding, int LevelEncoding, bool HasDataHeader, bool HasDictionaryHeader,
    int RepetitionLevelEncoding = -1)
{
    public const int DataPage = 0;
    public const int IndexPage = 1;
    public const int DictionaryPage = 2;
    public const int DataPageV2 = 3;

    // A header nests a few structs deep (statistics); far deeper is damage, not a header.
    private const int MaxDepth = 32;

    /// <summary>Reads the header at the start of <paramref name="bytes"/>; <paramref name="length"/> is its encoded size.</summary>
    public static ParquetPageHeader Read(ReadOnlySpan<byte> bytes, out int length)
    {
        var reader = new ThriftCompactReader(bytes, "a page header", MaxDepth);
        int type = -1, uncompressed = -1, compressed = -1, values = -1, encoding = -1, levelEncoding = -1, repetitionEncoding = -1;
        bool data = false, dictionary = false;
        var last = 0;
        while (reader.Field(ref last, out var id, out var kind))
        {
            switch (id, kind)
            {
                case (1, ThriftCompactReader.CompactI32):
                    type = reader.Int32();
                    break;
                case (2, ThriftCompactReader.CompactI32):
                    uncompressed = reader.Int32();
                    break;
                case (3, ThriftCompactReader.CompactI32):
                    compressed = reader.Int32();
                    break;
                case (5, ThriftCompactReader.CompactStruct):
                    data = true;
                    (values, encoding, levelEncoding, repetitionEncoding) = ReadPageStruct(ref reader, levels: true);
                    break;
                case (7, ThriftCompactReader.CompactStruct):
                    dictionary = true;
                    (values, encoding, _, _) = ReadPageStruct(ref reader, levels: false);
                    break;
                default:
                    reader.Skip(kind, 0);
                    break;
            }
        }

        if (type < 0 || uncompressed < 0 || compressed < 0)
        {
            throw new InvalidDataException("a page header without its type or sizes");
        }

        length = reader.Position;
        return new ParquetPageHeader(type, uncompressed, compressed, values, encoding, levelEncoding, data, dictionary, repetitionEncoding);
    }

    // DataPageHeader (1 num_values, 2 encoding, 3 definition_level_encoding, 4 repetition_level_encoding, ...) or
    // DictionaryPageHeader (1 num_values, 2 encoding, 3 is_sorted).
    private static (int Values, int Encoding, int LevelEncoding, int RepetitionLevelEncoding) ReadPageStruct(ref ThriftCompactReader reader, bool levels)
    {
        int values = -1, encoding = -1, levelEncoding = -1, repetitionEncoding = -1;
        var last = 0;
        while (reader.Field(ref last, out var id, out var kind))
        {
            switch (id, kind)
            {
                case (1, ThriftCompactReader.CompactI32):
                    values = reader.Int32();
                    break;
                case (2, ThriftCompactReader.CompactI32):
                    encoding = reader.Int32();
                    break;
                case (3, ThriftCompactReader.CompactI32) when levels:
                    levelEncoding = reader.Int32();
                    break;
                case (4, ThriftCompactReader.CompactI32) when levels:
                    repetitionEncoding = reader.Int32();
                    break;
                default:
                    reader.Skip(kind, 1);
                    break;
            }
        }

        if (values < 0 || encoding < 0)
        {
            throw new InvalidDataException("a page header without its value count or encoding");
        }

        return (values, encoding, levelEncoding, repetitionEncoding);
    }
}
