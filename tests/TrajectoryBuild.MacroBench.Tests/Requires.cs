namespace TrajectoryBuild.MacroBench.Tests;

/// <summary>The benchmarks' peers: skipped with the reason on a developer machine, a failure in CI (CI=true), where .ci/run installs them.</summary>
internal static class Requires
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Program(string? path, string problem, string ciProvides)
    {
        if (path is not null)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail($"{problem} (CI=true: {ciProvides})");
        }

        Assert.Skip(problem);
    }
}
