using System.Buffers;
using System.Security.Cryptography;

namespace TrajectoryBuild.Keys;

/// <summary>SHA-256 digests as lowercase hex, the one digest form used in keys, the cache and the lock.</summary>
public static class Digest
{
    /// <summary>The digest of <paramref name="data"/>.</summary>
    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>The digest of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string OfText(string text) => Of(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The digest of a file's bytes.</summary>
    public static string OfFile(string path) => OfFile(path, CancellationToken.None);

    /// <summary>The digest of a file's bytes, read a megabyte at a time; stops between reads when cancelled.</summary>
    public static string OfFile(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The digest of what is left in <paramref name="stream"/>.</summary>
    public static async Task<string> OfStreamAsync(Stream stream, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));

    /// <summary>True when <paramref name="value"/> has the form of a digest (64 lowercase hex characters).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 64 } && !value.AsSpan().ContainsAnyExcept(s_lowerHex);

    private static readonly System.Buffers.SearchValues<char> s_lowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
}
