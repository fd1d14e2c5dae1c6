using TrajectoryBuild.Randomness;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// A seeded SplitMix64 generator: the corpus depends only on the seed and this code, never on the runtime's
/// <see cref="Random"/> implementation, so the same version generates the same bytes everywhere.
/// </summary>
internal sealed class Rng(ulong seed)
{
    private readonly SplitMix64 _bits = new(seed);

    public ulong Next() => _bits.Next();

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int Int(int min, int max) => min + (int)(Next() % (ulong)(max - min));

    /// <summary>A number in [0, 1).</summary>
    public double Unit() => (Next() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => Unit() < probability;

    /// <summary>Log-uniform in [<paramref name="min"/>, <paramref name="max"/>]: many small values, a long tail of big ones.</summary>
    public int LogUniform(int min, int max) => (int)Math.Round(Math.Exp(Math.Log(min) + (Unit() * (Math.Log(max) - Math.Log(min)))));

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count)];

    /// <summary>An independent generator for a sub-stream (a file, a record).</summary>
    public Rng Fork() => new(Next());
}
