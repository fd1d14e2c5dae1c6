namespace TrajectoryBuild.Annotation.Tests;

/// <summary>
/// Preconditions of the integration tests (PostgreSQL, Chromium): a missing component skips the test with the reason on
/// a developer machine and fails it in CI (CI=true), where nothing may be skipped silently.
/// </summary>
internal static class Requires
{
    public static void SkipOrFailInCi(string problem, string ciProvides)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{problem} (CI=true: {ciProvides})");
        }

        Assert.Skip(problem);
    }
}
