using TrajectoryBuild.Containers;
using TrajectoryBuild.Reproduction.Execution;

namespace TrajectoryBuild.Agents;

/// <summary>An <see cref="IAgentSandbox"/> over a temporary clone on the host (see <see cref="LocalSandbox"/>).</summary>
internal sealed class LocalSandboxSession(DirectoryInfo root, ContainerLimits limits, LocalIsolation isolation) : IAgentSandbox
{
    private static readonly TimeSpan s_diffTimeout = TimeSpan.FromMinutes(2);

    public bool Hermetic => false;

    public string Testbed => Path.Combine(root.FullName, "testbed");

    public string Home => Path.Combine(root.FullName, "home");

    public async Task<SandboxResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var script = LocalScript.Limits(limits) + SandboxCommands.Merged(command);
        return SandboxCommands.ToSandboxResult(await LocalScript.RunAsync(isolation, script, Testbed, Home, timeout, SandboxCommands.OutputLimitBytes, cancellationToken).ConfigureAwait(false));
    }

    public async Task<string> DiffAsync(CancellationToken cancellationToken) =>
        SandboxCommands.DiffOrThrow(await LocalScript.RunAsync(isolation, SandboxCommands.Diff, Testbed, Home, s_diffTimeout, SandboxCommands.DiffLimitBytes, cancellationToken).ConfigureAwait(false));

    public ValueTask DisposeAsync()
    {
        try
        {
            root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A command that left a file busy must not fail the run; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
