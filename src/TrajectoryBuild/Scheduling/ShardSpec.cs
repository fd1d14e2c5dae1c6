using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Scheduling;

/// <summary>
/// One leg of a sharded build (<c>--shard 2/8</c>): the legs run at the same time, on one machine or many, and share
/// their work through a cache. Every target has exactly one owner, computed from its <see cref="TargetSpec.WorkUnit"/>
/// alone, so every leg agrees on it without talking to the others, and a task's whole chain (reproduce, roll out,
/// capture, evaluate, verify, reward, tag) stays on one leg and its container engine. A leg builds the targets it owns;
/// it takes every other target from the cache once its owner has put it there.
/// </summary>
/// <param name="Index">This leg, 1-based.</param>
/// <param name="Count">How many legs the build has, 1 to <see cref="MaxCount"/>.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The most legs a build can be split into (a GitHub Actions matrix holds at most 256 jobs).</summary>
    public const int MaxCount = 256;

    /// <summary>Parses <c>i/n</c>, with 1 &lt;= i &lt;= n &lt;= <see cref="MaxCount"/>.</summary>
    /// <exception cref="FormatException">The text is not of that form; the message says what is wrong.</exception>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2 || !TryParseCount(parts[0], out var index) || !TryParseCount(parts[1], out var count))
        {
            throw new FormatException($"'{text}' is not a shard: write i/n, this leg's number and the number of legs, e.g. 2/8");
        }

        if (count > MaxCount)
        {
            throw new FormatException($"'{text}': a build has at most {MaxCount} shards");
        }

        if (index > count)
        {
            throw new FormatException($"'{text}': shard {index} of {count} does not exist; legs are numbered 1 to {count}");
        }

        return new ShardSpec(index, count);
    }

    /// <summary>The leg (1-based) of <paramref name="count"/> that owns <paramref name="workUnit"/>: SHA-256 of the unit, modulo the count.</summary>
    public static int OwnerOf(string workUnit, int count)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(workUnit), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    /// <summary>The leg that owns <paramref name="target"/>.</summary>
    public int OwnerOf(TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return OwnerOf(target.WorkUnit, Count);
    }

    /// <summary>True when this leg builds <paramref name="target"/>.</summary>
    public bool Owns(TargetSpec target) => OwnerOf(target) == Index;

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";

    private static bool TryParseCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
}
