using System.Buffers;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> on an array rented from <see cref="ArrayPool{T}.Shared"/> and given back on
/// <see cref="Dispose"/>: a unit's output is about 1 MB (a batch) to 5 MB (a <c>.traj</c> file), and allocating a
/// new one per unit put that much on the large object heap per unit. Packaging writes each corpus row into one too,
/// given back once the row's writer has taken its bytes.
/// </summary>
internal sealed class PooledBufferWriter(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

    public int WrittenCount { get; private set; }

    /// <summary>What was written; valid until the next write or <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, WrittenCount);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - WrittenCount);
        WrittenCount += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(WrittenCount);
    }

    public void ResetWrittenCount() => WrittenCount = 0;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        WrittenCount = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - WrittenCount >= needed)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)WrittenCount + needed)));
        _buffer.AsSpan(0, WrittenCount).CopyTo(bigger);
        var old = _buffer;
        _buffer = bigger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }
}
