namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// A read-only view of a Parquet file with another end: the file's bytes up to <c>dataEnd</c> (where its footer
/// starts), then <c>end</c> (a footer of one row group, its length and the magic, from
/// <see cref="ParquetFooter.ForGroup"/>). Parquet.Net reads it as a file of that one row group. Reads are synchronous,
/// asynchronous ones too: the file is local, and Parquet.Net reads a row group through many small reads.
/// </summary>
internal sealed class ParquetGroupStream(Stream file, long dataEnd, byte[] end) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => dataEnd + end.Length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= Length || buffer.IsEmpty)
        {
            return 0;
        }

        int read;
        if (_position < dataEnd)
        {
            file.Position = _position;
            read = file.Read(buffer[..(int)Math.Min(buffer.Length, dataEnd - _position)]);
        }
        else
        {
            var from = end.AsSpan((int)(_position - dataEnd));
            read = Math.Min(from.Length, buffer.Length);
            from[..read].CopyTo(buffer);
        }

        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(buffer, offset, count));
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => Length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
