using System.Text;

namespace TrajectoryBuild.Containers;

/// <summary>
/// A write-only stream that keeps the first bytes written and counts the rest; <paramref name="overflowed"/>, when
/// given, is called once, when the first byte past the limit arrives (to stop a writer that would not).
/// </summary>
internal sealed class CappedOutput(int limit, Action? overflowed = null) : Stream
{
    private readonly MemoryStream _kept = new();
    private long _dropped;
    private Action? _overflowed = overflowed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _kept.Length + _dropped;

    public override long Position
    {
        get => Length;
        set => throw new NotSupportedException();
    }

    public string Text()
    {
        var text = Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
        return _dropped == 0 ? text : $"{text}\n[trajbuild: output truncated: {_dropped} more bytes not kept (limit {limit} bytes)]\n";
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = (int)Math.Max(0, limit - _kept.Length);
        var kept = Math.Min(room, buffer.Length);
        _kept.Write(buffer[..kept]);
        _dropped += buffer.Length - kept;
        if (_dropped > 0)
        {
            Interlocked.Exchange(ref _overflowed, null)?.Invoke();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kept.Dispose();
        }

        base.Dispose(disposing);
    }
}
