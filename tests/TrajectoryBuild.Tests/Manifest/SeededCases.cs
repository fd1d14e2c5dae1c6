using CsCheck;

namespace TrajectoryBuild.Tests.Manifest;

/// <summary>
/// CsCheck generators drawn the same way on every run: case i comes from PCG stream i of a fixed seed, so a reliability
/// row counts the same documents in CI as on a laptop, and a failure names the case that reproduces it. (Check.Sample's
/// <c>seed:</c> pins only its first iteration.)
/// </summary>
internal static class SeededCases
{
    public static IReadOnlyList<T> Draw<T>(Gen<T> gen, int count, ulong seed) =>
        [.. Enumerable.Range(0, count).Select(i => gen.Generate(new PCG((uint)i, seed), null, out _))];

    /// <summary>Runs <paramref name="check"/> on each case in parallel; a failure says which case (index and input) failed.</summary>
    public static void Run<T>(IReadOnlyList<T> cases, Action<T> check, Func<T, string> print)
    {
        Parallel.For(0, cases.Count, i =>
        {
            try
            {
                check(cases[i]);
            }
            catch (Exception e)
            {
                throw new ShouldAssertException($"case {i} failed: {print(cases[i])}\n{e.Message}", e);
            }
        });
    }
}
