using TrajectoryBuild.Containers;
using TrajectoryBuild.Reproduction.Execution;

namespace TrajectoryBuild.Agents;

/// <summary>
/// The hermetic sandbox: one long-lived container of a task image (<see cref="ContainerSession"/>; network none, no
/// new privileges, the limits, as the test user 1000 in /testbed), every command an exec in it. Removed on dispose,
/// and when the start is cancelled.
/// </summary>
internal static class DockerSandbox
{
    public static async Task<IAgentSandbox> StartAsync(DockerEngine engine, string image, ContainerLimits limits, CancellationToken ct)
    {
        var spec = new ContainerSpec(image, ["sleep", "infinity"])
        {
            User = TaskImages.TestUser,
            WorkingDirectory = TaskImages.Testbed,
            Limits = limits,
            Environment = new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1", ["HOME"] = "/tmp", ["LANG"] = "C.UTF-8" },
            Labels = new Dictionary<string, string> { ["trajbuild.sandbox"] = "reference-agent" },
        };
        var session = await ContainerSession.StartAsync(engine, spec, TimeProvider.System, ct).ConfigureAwait(false);
        return new DockerSandboxSession(session);
    }
}
