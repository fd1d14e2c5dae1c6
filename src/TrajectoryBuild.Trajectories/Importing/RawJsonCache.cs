using System.Runtime.InteropServices;
using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// Values already read from one document, keyed by their raw JSON bytes: an element whose bytes equal one read before
/// reads to the same value, so it is read once and the value shared. SWE-agent repeats the whole conversation in every
/// step's <c>query</c>, so most of a <c>.traj</c> file is messages read before.
/// </summary>
/// <typeparam name="T">What an element reads to.</typeparam>
internal sealed class RawJsonCache<T>
    where T : class
{
    private readonly Dictionary<byte[], T> _values = new(RawBytesComparer.Instance);

    /// <summary>The value read from <paramref name="element"/>: cached, or read now with <paramref name="read"/> and cached.</summary>
    public T GetOrRead<TState>(JsonElement element, TState state, Func<JsonElement, TState, T> read)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(raw, out var cached))
        {
            return cached;
        }

        var value = read(element, state);
        lookup[raw] = value;
        return value;
    }

    /// <summary>Compares byte strings; the hash samples the length, the start and the end (equal hashes are compared whole).</summary>
    private sealed class RawBytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        private const int Sample = 64;

        public static RawBytesComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = new HashCode();
            hash.Add(bytes.Length);
            hash.AddBytes(bytes.Length <= 2 * Sample ? bytes : bytes[..Sample]);
            if (bytes.Length > 2 * Sample)
            {
                hash.AddBytes(bytes[(bytes.Length / 2)..((bytes.Length / 2) + Sample)]);
                hash.AddBytes(bytes[^Sample..]);
            }

            return hash.ToHashCode();
        }
    }
}
