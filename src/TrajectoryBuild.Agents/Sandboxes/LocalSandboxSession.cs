using TrajectoryBuild.Containers;
using TrajectoryBuild.Reproduction.Execution;

namespace TrajectoryBuild.Agents;

/// <summary>
/// An <see cref="IAgentSandbox"/> over a temporary clone on the host (see <see cref="LocalSandbox"/>), every command
/// under one fence (a uid of its own for the session when the build is root). Dispose removes the folder, then gives the
/// uid back.
/// </summary>
internal sealed class LocalSandboxSession(LocalRunFolder folder, ContainerLimits limits, LocalFence fence) : IAgentSandbox
{
    private static readonly TimeSpan s_diffTimeout = TimeSpan.FromMinutes(2);

    public bool Hermetic => false;

    public LocalRunFolder Folder => folder;

    public LocalFence Fence => fence;

    public async Task<SandboxResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var script = LocalScript.Limits(limits) + SandboxCommands.Merged(command);
        return SandboxCommands.ToSandboxResult(await LocalScript.RunAsync(fence, folder, script, timeout, SandboxCommands.OutputLimitBytes, cancellationToken).ConfigureAwait(false));
    }

    public async Task<string> DiffAsync(CancellationToken cancellationToken) =>
        SandboxCommands.DiffOrThrow(await LocalScript.RunAsync(fence, folder, SandboxCommands.Diff, s_diffTimeout, SandboxCommands.DiffLimitBytes, cancellationToken).ConfigureAwait(false));

    public ValueTask DisposeAsync()
    {
        folder.Dispose();
        fence.Dispose();
        return ValueTask.CompletedTask;
    }
}
