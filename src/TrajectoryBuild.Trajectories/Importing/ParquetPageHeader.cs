namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// A Parquet page header, read from its Thrift compact encoding: the fields <see cref="ParquetByteArrays"/> needs
/// (page type, sizes, the data or dictionary page's value count and encodings); every other field is skipped. Input
/// that is not a well-formed header throws <see cref="InvalidDataException"/>; nothing is read past the span.
/// </summary>
internal readonly record struct ParquetPageHeader(
    int Type, int UncompressedSize, int CompressedSize, int Values, int Encoding, int LevelEncoding, bool HasDataHeader, bool HasDictionaryHeader)
{
    public const int DataPage = 0;
    public const int IndexPage = 1;
    public const int DictionaryPage = 2;
    public const int DataPageV2 = 3;

    // Thrift compact types.
    private const int CompactBooleanTrue = 1;
    private const int CompactBooleanFalse = 2;
    private const int CompactByte = 3;
    private const int CompactI16 = 4;
    private const int CompactI32 = 5;
    private const int CompactI64 = 6;
    private const int CompactDouble = 7;
    private const int CompactBinary = 8;
    private const int CompactList = 9;
    private const int CompactSet = 10;
    private const int CompactMap = 11;
    private const int CompactStruct = 12;

    // A header nests a few structs deep (statistics); far deeper is damage, not a header.
    private const int MaxDepth = 32;

    /// <summary>Reads the header at the start of <paramref name="bytes"/>; <paramref name="length"/> is its encoded size.</summary>
    public static ParquetPageHeader Read(ReadOnlySpan<byte> bytes, out int length)
    {
        var reader = new Reader(bytes);
        int type = -1, uncompressed = -1, compressed = -1, values = -1, encoding = -1, levelEncoding = -1;
        bool data = false, dictionary = false;
        var last = 0;
        while (reader.Field(ref last, out var id, out var kind))
        {
            switch (id, kind)
            {
                case (1, CompactI32):
                    type = reader.Int32();
                    break;
                case (2, CompactI32):
                    uncompressed = reader.Int32();
                    break;
                case (3, CompactI32):
                    compressed = reader.Int32();
                    break;
                case (5, CompactStruct):
                    data = true;
                    (values, encoding, levelEncoding) = ReadPageStruct(ref reader, levels: true);
                    break;
                case (7, CompactStruct):
                    dictionary = true;
                    (values, encoding, _) = ReadPageStruct(ref reader, levels: false);
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
        return new ParquetPageHeader(type, uncompressed, compressed, values, encoding, levelEncoding, data, dictionary);
    }

    // DataPageHeader (1 num_values, 2 encoding, 3 definition_level_encoding, ...) or DictionaryPageHeader (1 num_values,
    // 2 encoding, 3 is_sorted).
    private static (int Values, int Encoding, int LevelEncoding) ReadPageStruct(ref Reader reader, bool levels)
    {
        int values = -1, encoding = -1, levelEncoding = -1;
        var last = 0;
        while (reader.Field(ref last, out var id, out var kind))
        {
            switch (id, kind)
            {
                case (1, CompactI32):
                    values = reader.Int32();
                    break;
                case (2, CompactI32):
                    encoding = reader.Int32();
                    break;
                case (3, CompactI32) when levels:
                    levelEncoding = reader.Int32();
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

        return (values, encoding, levelEncoding);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; }

        // The next field of the current struct (false at its stop byte); ids are deltas from the last one unless given.
        public bool Field(ref int last, out int id, out int kind)
        {
            var header = Byte();
            kind = header & 0x0F;
            if (header == 0)
            {
                id = 0;
                return false;
            }

            var delta = header >> 4;
            id = delta == 0 ? checked((short)ZigZag(Varint())) : last + delta;
            last = id;
            return true;
        }

        public int Int32() => checked((int)ZigZag(Varint()));

        public void Skip(int kind, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new InvalidDataException("a page header nested too deep");
            }

            switch (kind)
            {
                case CompactBooleanTrue or CompactBooleanFalse:
                    break;
                case CompactByte:
                    Take(1);
                    break;
                case CompactI16 or CompactI32 or CompactI64:
                    Varint();
                    break;
                case CompactDouble:
                    Take(8);
                    break;
                case CompactBinary:
                    Take(checked((int)Varint()));
                    break;
                case CompactList or CompactSet:
                    var header = Byte();
                    var count = header >> 4 == 15 ? checked((int)Varint()) : header >> 4;
                    var element = header & 0x0F;
                    for (var i = 0; i < count; i++)
                    {
                        // Booleans in a list are one byte each.
                        if (element is CompactBooleanTrue or CompactBooleanFalse)
                        {
                            Take(1);
                        }
                        else
                        {
                            Skip(element, depth + 1);
                        }
                    }

                    break;
                case CompactMap:
                    var entries = checked((int)Varint());
                    if (entries > 0)
                    {
                        var types = Byte();
                        for (var i = 0; i < entries; i++)
                        {
                            Skip(types >> 4, depth + 1);
                            Skip(types & 0x0F, depth + 1);
                        }
                    }

                    break;
                case CompactStruct:
                    var last = 0;
                    while (Field(ref last, out _, out var member))
                    {
                        Skip(member, depth + 1);
                    }

                    break;
                default:
                    throw new InvalidDataException($"a page header field of unknown type {kind}");
            }
        }

        private int Byte()
        {
            if (Position >= _bytes.Length)
            {
                throw new InvalidDataException("a page header cut short");
            }

            return _bytes[Position++];
        }

        private void Take(int count)
        {
            if (count < 0 || count > _bytes.Length - Position)
            {
                throw new InvalidDataException("a page header cut short");
            }

            Position += count;
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("a page header varint over 10 bytes");
        }

        private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
    }
}
