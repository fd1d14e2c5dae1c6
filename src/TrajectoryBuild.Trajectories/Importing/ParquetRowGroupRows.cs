using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// The rows of one decoded Parquet row group, however they were read (<see cref="ParquetColumns"/>,
/// <see cref="ParquetNestedRows"/> or Parquet.Net's row dictionaries): how many, how to write row N as JSON (once; different rows may be written at once on different
/// threads), about how many bytes each row's texts hold, and what to dispose once they are written or left. Shared by
/// the units that each write some of its rows: the last to <see cref="Leave"/> disposes it. Rows read by columns may
/// be decoded as they are asked for: the one thread that hands rows out loads them first (<see cref="Load"/>).
/// </summary>
internal sealed class ParquetRowGroupRows(int count, Action<Utf8JsonWriter, int, EmbeddedTexts?> write, Func<int, long>? size, IDisposable? owned,
    Action<int>? load = null) : IDisposable
{
    private int _users = 1;

    /// <summary>Decodes rows up to <paramref name="rows"/> (exclusive); only the thread handing rows out calls it.</summary>
    public void Load(int rows) => load?.Invoke(rows);

    /// <summary>The number of rows.</summary>
    public int Count { get; } = count;

    /// <summary>
    /// Writes row <paramref name="row"/> (0-based) as a JSON object and lets its values go; with
    /// <paramref name="texts"/>, rows read by columns keep those columns' texts out of the JSON and hold them until
    /// <see cref="EmbeddedTexts.Release"/> (rows read otherwise keep none out).
    /// </summary>
    public void Write(Utf8JsonWriter writer, int row, EmbeddedTexts? texts = null) => write(writer, row, texts);

    /// <summary>Whether <see cref="SizeOf"/> knows the rows' sizes (rows read by columns).</summary>
    public bool Sized => size is not null;

    /// <summary>The bytes of row <paramref name="row"/>'s text and binary values (0 when the rows are not read by columns).</summary>
    public long SizeOf(int row) => size?.Invoke(row) ?? 0;

    /// <summary>
    /// One more unit shares the rows, and calls <see cref="Leave"/> once it is done with them. Whoever made the rows is
    /// the first user, and leaves once it has handed them all out.
    /// </summary>
    public void Join() => Interlocked.Increment(ref _users);

    /// <summary>Called by each user of the rows once it is done: the last one disposes them.</summary>
    public void Leave()
    {
        if (Interlocked.Decrement(ref _users) == 0)
        {
            Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => owned?.Dispose();
}
