namespace TrajectoryBuild.Packaging.Output;

public static partial class ShardWriter
{
    /// <summary>
    /// Where a row's top-level value is in the row's compact bytes, by name: noted while the row is written (on any
    /// thread), so that a Parquet shard takes each column's value from the spilled bytes without parsing them again.
    /// </summary>
    internal readonly record struct NamedSlice(string Name, int Start, int Length)
    {
        /// <summary>
        /// Notes the value of <paramref name="name"/> written from <paramref name="start"/> to <paramref name="end"/>. A
        /// name given twice keeps its last value, the one a property lookup finds.
        /// </summary>
        public static void Note(List<NamedSlice> places, string name, long start, long end)
        {
            var slice = new NamedSlice(name, checked((int)start), checked((int)(end - start)));
            var at = places.FindIndex(s => s.Name == name);
            if (at >= 0)
            {
                places[at] = slice;
            }
            else
            {
                places.Add(slice);
            }
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
