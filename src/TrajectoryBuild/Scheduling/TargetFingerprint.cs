using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Scheduling;

/// <summary>
/// A 128-bit hash (the first half of a SHA-256) of everything a stage declared for a target (stage, unit, work unit,
/// params, facts, inputs, upstream references): not a key, since it leaves out the upstream outputs, but what lets a
/// plan after a change tell which targets were declared exactly as in the last all-FRESH plan. A target declared the same, whose upstream targets are
/// all the same, has the key and the status it had then (the lock and the cache unchanged). Declarations that differ
/// only in order (facts listed in another order) hash differently: such a target is planned again, never reused wrongly.
/// </summary>
internal static class TargetFingerprint
{
    // Each thread writes the declaration into its own buffer and hashes it in one call (a plan fingerprints hundreds of
    // thousands of targets, most of them small).
    [ThreadStatic]
    private static char[]? s_buffer;

    /// <summary>The fingerprint of <paramref name="target"/>.</summary>
    public static UInt128 Of(TargetSpec target)
    {
        var writer = new Writer(s_buffer ??= new char[1024]);
        writer.Text(target.Stage);
        writer.Text(target.Unit);
        writer.Text(target.WorkUnit);
        writer.Text(target.Params?.ToJsonString());
        writer.Pairs(target.Facts);
        writer.Pairs(target.Inputs);
        writer.Count(target.Upstream.Count);
        foreach (var upstream in target.Upstream)
        {
            writer.Text(upstream.TargetId);
            writer.Text(upstream.Output);
        }

        s_buffer = writer.Buffer;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(writer.Written), hash);
        return MemoryMarshal.Read<UInt128>(hash);
    }

    private ref struct Writer(char[] buffer)
    {
        private int _length;

        public char[] Buffer { get; private set; } = buffer;

        public readonly ReadOnlySpan<char> Written => Buffer.AsSpan(0, _length);

        public void Pairs(IReadOnlyDictionary<string, string> pairs)
        {
            Count(pairs.Count);
            if (pairs.Count == 0)
            {
                // Enumerating through the interface allocates an enumerator, for nothing here.
                return;
            }

            foreach (var (name, value) in pairs)
            {
                Text(name);
                Text(value);
            }
        }

        public void Count(int count)
        {
            Reserve(2);
            Buffer[_length++] = (char)(count >> 16);
            Buffer[_length++] = (char)count;
        }

        // Length first (-1 for null), so that no two sequences of strings write the same characters.
        public void Text(string? text)
        {
            Count(text?.Length ?? -1);
            if (text is not null)
            {
                Reserve(text.Length);
                text.CopyTo(Buffer.AsSpan(_length));
                _length += text.Length;
            }
        }

        private void Reserve(int more)
        {
            if (_length + more > Buffer.Length)
            {
                var larger = new char[Math.Max(Buffer.Length * 2, _length + more)];
                Buffer.AsSpan(0, _length).CopyTo(larger);
                Buffer = larger;
            }
        }
    }
}
