using TrajectoryBuild.Containers;

namespace TrajectoryBuild.Agents;

/// <summary>An <see cref="IAgentSandbox"/> over a running <see cref="ContainerSession"/>.</summary>
internal sealed class DockerSandboxSession(ContainerSession session) : IAgentSandbox
{
    private static readonly TimeSpan s_diffTimeout = TimeSpan.FromMinutes(2);

    public bool Hermetic => true;

    public string ContainerId => session.ContainerId;

    public async Task<SandboxResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await session.ExecAsync(["bash", "-c", SandboxCommands.Merged(command)], timeout, SandboxCommands.OutputLimitBytes, cancellationToken).ConfigureAwait(false);
        return SandboxCommands.ToSandboxResult(result);
    }

    public async Task<string> DiffAsync(CancellationToken cancellationToken) =>
        SandboxCommands.DiffOrThrow(await session.ExecAsync(["bash", "-c", SandboxCommands.Diff], s_diffTimeout, SandboxCommands.DiffLimitBytes, cancellationToken).ConfigureAwait(false));

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
