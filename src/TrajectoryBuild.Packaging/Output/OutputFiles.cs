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

    /// <summary>Writes UTF-8 text (no byte order mark) to <paramref name="relativePath"/> under <paramref name="root"/>.</summary>
    /// <param name="root">The output folder.</param>
    /// <param name="relativePath">The path inside it, with <c>/</c> separators.</param>
    /// <param name="text">The content; line endings are written as given.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The file with its digest.</returns>
    public static Task<WrittenFile> WriteTextAsync(string root, string relativePath, string text, CancellationToken cancellationToken) =>
        WriteAsync(root, relativePath, Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), 0, cancellationToken);
}
