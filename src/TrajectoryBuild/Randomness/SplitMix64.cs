namespace TrajectoryBuild.Randomness;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 (Vigna's reference constants): a small seeded generator whose sequence is fixed by
/// its seed on every platform and runtime, unlike <see cref="Random"/>, so bootstraps, corpora and hashes built on it are
/// reproducible byte for byte.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    /// <summary>
    /// The output for state <paramref name="value"/>: the SplitMix64 step and finalizer, a bijection on 64 bits with full
    /// avalanche (also a good stateless mixer).
    /// </summary>
    public static ulong Mix(ulong value)
    {
        value += Golden;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        var value = Mix(_state);
        _state += Golden;
        return value;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (rejection).</summary>
    public int Next(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (ulong)bound;
        var limit = ulong.MaxValue - (ulong.MaxValue % range);
        ulong draw;
        do
        {
            draw = Next();
        }
        while (draw >= limit);

        return (int)(draw % range);
    }
}
