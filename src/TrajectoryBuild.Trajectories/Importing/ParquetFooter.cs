using System.Buffers;
using System.Buffers.Binary;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// A Parquet file's footer (its Thrift FileMetaData), split at its row groups so that a footer of one row group can be
/// made for each (<see cref="ForGroup"/>): the same bytes with that group alone in the list and its row count as the
/// file's. Parquet.Net reads a whole footer for every row group it decodes, and a footer grows with the row groups
/// and with text columns' statistics: a file of many row groups read one group at a time took time in the square of
/// their number (docs/benchmarks.md, stages 3-4). Every other field is copied as it is.
/// </summary>
internal sealed class ParquetFooter
{
    // FileMetaData: 3 num_rows (i64), 4 row_groups (list<RowGroup>).
    private const int NumRows = 3;
    private const int RowGroups = 4;

    // A footer nests a few structs deep (statistics in column metadata in column chunks in row groups).
    private const int MaxDepth = 32;

    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private readonly byte[] _footer;
    private readonly List<(int Id, int HeaderStart, int ValueStart, int End)> _fields;
    private readonly List<(int Start, int End)> _groups;

    private ParquetFooter(byte[] footer, List<(int, int, int, int)> fields, List<(int, int)> groups)
    {
        _footer = footer;
        _fields = fields;
        _groups = groups;
    }

    /// <summary>How many row groups the footer lists.</summary>
    public int Groups => _groups.Count;

    /// <summary>
    /// Splits <paramref name="footer"/> (the FileMetaData bytes, without the length and magic that follow them), or returns
    /// null when it is not a footer this reads (damaged, or without a row count or row group list).
    /// </summary>
    public static ParquetFooter? Parse(byte[] footer)
    {
        ArgumentNullException.ThrowIfNull(footer);
        try
        {
            var reader = new ThriftCompactReader(footer, "a Parquet footer", MaxDepth);
            var fields = new List<(int, int, int, int)>();
            var groups = new List<(int, int)>();
            bool rows = false, list = false;
            var last = 0;
            while (true)
            {
                var headerStart = reader.Position;
                if (!reader.Field(ref last, out var id, out var kind))
                {
                    break;
                }

                var valueStart = reader.Position;
                if (id == RowGroups && kind == ThriftCompactReader.CompactList)
                {
                    var (element, count) = reader.ListHeader();
                    if (element != ThriftCompactReader.CompactStruct)
                    {
                        return null;
                    }

                    for (var i = 0; i < count; i++)
                    {
                        var start = reader.Position;
                        reader.Skip(ThriftCompactReader.CompactStruct, 1);
                        groups.Add((start, reader.Position));
                    }

                    list = true;
                }
                else
                {
                    rows |= id == NumRows && kind == ThriftCompactReader.CompactI64;
                    reader.Skip(kind, 0);
                }

                fields.Add((id, headerStart, valueStart, reader.Position));
            }

            return rows && list && reader.Position == footer.Length ? new ParquetFooter(footer, fields, groups) : null;
        }
        catch (Exception exception) when (exception is InvalidDataException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// The end of a Parquet file whose only row group is <paramref name="group"/> (0-based), of <paramref name="rows"/>
    /// rows: the footer, its length and the magic bytes. Put after the original file's data (which the column chunks'
    /// offsets point into), it reads as that file.
    /// </summary>
    public byte[] ForGroup(int group, long rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, _groups.Count);
        var output = new ArrayBufferWriter<byte>(1024);
        foreach (var (id, headerStart, valueStart, end) in _fields)
        {
            switch (id)
            {
                case NumRows:
                    output.Write(_footer.AsSpan(headerStart, valueStart - headerStart));
                    WriteVarint(output, (ulong)((rows << 1) ^ (rows >> 63)));
                    break;
                case RowGroups:
                    var (start, stop) = _groups[group];
                    output.Write(_footer.AsSpan(headerStart, valueStart - headerStart));
                    output.Write([(byte)((1 << 4) | ThriftCompactReader.CompactStruct)]);
                    output.Write(_footer.AsSpan(start, stop - start));
                    break;
                default:
                    output.Write(_footer.AsSpan(headerStart, end - headerStart));
                    break;
            }
        }

        output.Write<byte>([0]);
        var length = output.WrittenCount;
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), length);
        output.Advance(4);
        output.Write(Magic);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The footer of the Parquet file in <paramref name="stream"/> and where its data ends (where the footer starts), or
    /// null when the file does not end as a plain Parquet file does (an encrypted footer ends in PARE).
    /// </summary>
    public static (byte[] Footer, long DataEnd)? Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.Length < 12)
        {
            return null;
        }

        Span<byte> tail = stackalloc byte[8];
        stream.Position = stream.Length - 8;
        stream.ReadExactly(tail);
        var length = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (!tail[4..].SequenceEqual(Magic) || length <= 0 || length > stream.Length - 12)
        {
            return null;
        }

        var footer = new byte[length];
        var dataEnd = stream.Length - 8 - length;
        stream.Position = dataEnd;
        stream.ReadExactly(footer);
        return (footer, dataEnd);
    }

    private static void WriteVarint(ArrayBufferWriter<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Write<byte>([(byte)(value | 0x80)]);
            value >>= 7;
        }

        output.Write<byte>([(byte)value]);
    }
}
