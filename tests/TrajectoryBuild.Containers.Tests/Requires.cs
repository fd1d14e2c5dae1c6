using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Containers.Tests;

/// <summary>
/// Preconditions of integration tests. A missing Docker Engine skips the test with the reason on a
/// developer machine, and fails it in CI (CI=true), where nothing may be skipped silently.
/// </summary>
internal static class Requires
{
    private static readonly Lazy<Task<string?>> s_dockerProblem = new(ProbeDockerAsync);

    public static async Task DockerAsync()
    {
        if (await s_dockerProblem.Value is not { } problem)
        {
            return;
        }

        SkipOrFailInCi($"Docker Engine not available: {problem}", "integration tests must not be skipped; .ci/run starts dockerd");
    }

    /// <summary>A Docker Engine, and what a second dockerd on a loopback port needs (<see cref="SecondDockerDaemon"/>): dockerd and root.</summary>
    public static async Task SecondDaemonAsync()
    {
        await DockerAsync();
        if (SecondDockerDaemon.Program is null || Environment.UserName != "root")
        {
            SkipOrFailInCi("a second dockerd needs dockerd and root", ".ci/run runs as root with docker.io installed");
        }
    }

    /// <summary>openssl, to make certificates (<see cref="TestCertificates"/>).</summary>
    public static void OpenSsl()
    {
        if (TestCertificates.Program is null)
        {
            SkipOrFailInCi("openssl is not installed", ".ci/run installs openssl");
        }
    }

    /// <summary>Skips the test with <paramref name="problem"/>, or fails it under CI=true, saying what CI provides.</summary>
    public static void SkipOrFailInCi(string problem, string ciProvides)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{problem} (CI=true: {ciProvides})");
        }

        Assert.Skip(problem);
    }

    private static async Task<string?> ProbeDockerAsync()
    {
        using var engine = DockerEngine.FromEnvironment();
        try
        {
            await engine.PingAsync(CancellationToken.None);
            return null;
        }
        catch (DockerUnavailableException exception)
        {
            return exception.Message;
        }
    }
}
