using System.Security.Cryptography;
using System.Text;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>Writes files into an output folder and describes them by digest.</summary>
public static class OutputFiles
{
    /// <summary>Lowercase hex SHA-256 of some bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relativePath"/> under <paramref name="root"/>, creating folders.</summary>
    /// <param name="root">The output folder.</param>
    /// <param name="relativePath">The path inside it, with <c>/</c> separators.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="rows">Rows the file holds (0 when it is not a shard).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The file with its digest.</returns>
    public static async Task<WrittenFile> WriteAsync(string root, string relativePath, ReadOnlyMemory<byte> bytes, long rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        return new WrittenFile(relativePath, Sha256(bytes.Span), bytes.Length, rows);
    }

    /// <summary>
    /// Writes <paramref name="relativePath"/> under <paramref name="root"/> through <paramref name="write"/>, which is
    /// given a forward-only stream; the bytes are hashed as they pass, so a large file is never held whole.
    /// </summary>
    /// <param name="root">The output folder.</param>
    /// <param name="relativePath">The path inside it, with <c>/</c> separators.</param>
    /// <param name="rows">Rows the file holds (0 when it is not a shard).</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The file with its digest.</returns>
    public static async Task<WrittenFile> WriteAsync(string root, string relativePath, long rows, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(write);
        var path = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        await using (file.ConfigureAwait(false))
        {
            using var hashing = new HashingStream(file);
            await write(hashing, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new WrittenFile(relativePath, hashing.Sha256(), hashing.Length, rows);
        }
    }

    /// <summary>Writes UTF-8 text (no byte order mark) to <paramref name="relativePath"/> under <paramref name="root"/>.</summary>
    /// <param name="root">The output folder.</param>
    /// <param name="relativePath">The path inside it, with <c>/</c> separators.</param>
    /// <param name="text">The content; line endings are written as given.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The file with its digest.</returns>
    public static Task<WrittenFile> WriteTextAsync(string root, string relativePath, string text, CancellationToken cancellationToken) =>
        WriteAsync(root, relativePath, Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), 0, cancellationToken);

    // A write-only, forward-only stream over a file that hashes every byte written through it.
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException("An output file is written from its start to its end.");
        }

        public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            inner.Write(buffer);
            _length += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _hash.AppendData(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            _length += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
