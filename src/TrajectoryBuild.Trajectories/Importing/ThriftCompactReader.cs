namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// Reads Thrift's compact encoding, which Parquet's page headers and footer use: field headers, integers, and skipping
/// any value whole. Input that is not well formed throws <see cref="InvalidDataException"/> naming
/// <c>what</c> is read (a page header, a footer); nothing is read past the span, and values nested deeper than
/// <c>maxDepth</c> are taken for damage.
/// </summary>
internal ref struct ThriftCompactReader(ReadOnlySpan<byte> bytes, string what, int maxDepth)
{
    public const int CompactBooleanTrue = 1;
    public const int CompactBooleanFalse = 2;
    public const int CompactByte = 3;
    public const int CompactI16 = 4;
    public const int CompactI32 = 5;
    public const int CompactI64 = 6;
    public const int CompactDouble = 7;
    public const int CompactBinary = 8;
    public const int CompactList = 9;
    public const int CompactSet = 10;
    public const int CompactMap = 11;
    public const int CompactStruct = 12;

    private readonly ReadOnlySpan<byte> _bytes = bytes;

    /// <summary>How many bytes have been read.</summary>
    public int Position { get; private set; }

    /// <summary>The next field of the current struct (false at its stop byte); ids are deltas from the last one unless given.</summary>
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

    /// <summary>An i32 value.</summary>
    public int Int32() => checked((int)ZigZag(Varint()));

    /// <summary>A list or set header: its element type and count.</summary>
    public (int Element, int Count) ListHeader()
    {
        var header = Byte();
        var count = header >> 4 == 15 ? checked((int)Varint()) : header >> 4;
        return (header & 0x0F, count);
    }

    /// <summary>Skips one value of type <paramref name="kind"/>, <paramref name="depth"/> levels down.</summary>
    public void Skip(int kind, int depth)
    {
        if (depth > maxDepth)
        {
            throw new InvalidDataException($"{what} nested too deep");
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
                var (element, count) = ListHeader();
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
                throw new InvalidDataException($"{what} field of unknown type {kind}");
        }
    }

    private int Byte()
    {
        if (Position >= _bytes.Length)
        {
            throw new InvalidDataException($"{what} cut short");
        }

        return _bytes[Position++];
    }

    private void Take(int count)
    {
        if (count < 0 || count > _bytes.Length - Position)
        {
            throw new InvalidDataException($"{what} cut short");
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

        throw new InvalidDataException($"{what} varint over 10 bytes");
    }

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
