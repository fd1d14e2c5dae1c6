using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace TrajectoryBuild.Packaging.Output;

public static partial class ShardWriter
{
    /// <summary>
    /// Where a row's top-level value is in the row's compact bytes, by name: found while the row is parsed (on any
    /// thread), so that a Parquet shard takes each column's value from the spilled bytes without parsing them again.
    /// </summary>
    internal readonly record struct NamedSlice(string Name, int Start, int Length)
    {
        /// <summary>
        /// The places of <paramref name="row"/>'s values in <paramref name="bytes"/>, the bytes it was parsed from. A
        /// name given twice keeps its last value, the one a property lookup finds.
        /// </summary>
        /// <exception cref="InvalidOperationException">A value is not inside <paramref name="bytes"/> (the row was not parsed from them).</exception>
        public static NamedSlice[] Of(JsonElement row, ReadOnlySpan<byte> bytes)
        {
            var slices = new List<NamedSlice>();
            foreach (var property in row.EnumerateObject())
            {
                var raw = JsonMarshal.GetRawUtf8Value(property.Value);
                var start = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(bytes), ref MemoryMarshal.GetReference(raw));
                if (start < 0 || start > bytes.Length - raw.Length)
                {
                    throw new InvalidOperationException($"The value of '{property.Name}' is not in the bytes the row was parsed from.");
                }

                var slice = new NamedSlice(property.Name, (int)start, raw.Length);
                var at = slices.FindIndex(s => s.Name == property.Name);
                if (at >= 0)
                {
                    slices[at] = slice;
                }
                else
                {
                    slices.Add(slice);
                }
            }

            return [.. slices];
        }
    }

    /// <summary>Where a row's value of one column (an index the config's writer gave its name) is in the row's bytes.</summary>
    private readonly record struct ValueSlice(int Column, int Start, int Length)
    {
        /// <summary>The value of <paramref name="column"/> in <paramref name="row"/> (the row's bytes), or empty when the row has none.</summary>
        public static ReadOnlySpan<byte> Find(ValueSlice[] values, int column, ReadOnlySpan<byte> row)
        {
            foreach (var value in values)
            {
                if (value.Column == column)
                {
                    return row.Slice(value.Start, value.Length);
                }
            }

            return default;
        }
    }
}
