using TrajectoryBuild.Randomness;

namespace TrajectoryBuild.Mining.Decontamination;

/// <summary>
/// Hashes that are the same in every process and on every machine (string.GetHashCode is randomized per process):
/// FNV-1a 64 over UTF-16 code units for shingles, and the SplitMix64 finalizer to mix.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static ulong Fnv1a64(ReadOnlySpan<char> text)
    {
        var hash = FnvOffset;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return hash;
    }

    /// <summary>The SplitMix64 finalizer (Steele, Lea, Flood 2014): a bijection on 64 bits with full avalanche.</summary>
    public static ulong Mix(ulong value) => SplitMix64.Mix(value);
}
