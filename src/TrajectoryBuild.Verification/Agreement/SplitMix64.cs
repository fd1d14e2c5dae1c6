namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 (Vigna's reference constants): a small seeded generator whose sequence is fixed by
/// its seed on every platform and runtime, unlike <see cref="Random"/>, so a bootstrap is reproducible.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
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
