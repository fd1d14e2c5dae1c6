using TrajectoryBuild.Containers;
using TrajectoryBuild.Reproduction.Execution;

namespace TrajectoryBuild.Agents;

/// <summary>
/// The fallback sandbox with no Docker Engine: a fresh clone of the task's checkout at the base commit in a temporary
/// folder, each command through the local executor's fences (<see cref="LocalIsolation"/>: own network and PID
/// namespaces where the host allows, as a uid of its own when the build is root, ulimits). Not hermetic: the host's toolchain
/// runs the code. The folder is removed on dispose.
/// </summary>
internal static class LocalSandbox
{
    /// <summary>
    /// Makes a new git repository in a temporary folder, fetches only <paramref name="commit"/> (a full sha, or a ref) and
    /// its ancestors from <paramref name="checkoutGitDir"/> (a checkout folder, its .git, or a bare repository), and
    /// checks it out detached: no remote, no tags, no later history, whatever the source holds.
    /// </summary>
    public static async Task<IAgentSandbox> StartAsync(string checkoutGitDir, string commit, ContainerLimits limits, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutGitDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(commit);
        var fence = LocalIsolation.Host.Enter();
        LocalRunFolder folder;
        try
        {
            folder = LocalRunFolder.Create("trajbuild-sandbox-");
        }
        catch
        {
            fence.Dispose();
            throw;
        }

        var session = new LocalSandboxSession(folder, limits, fence);
        try
        {
            var testbed = session.Folder.Testbed;
            await GitAsync(session.Folder.Root, ["init", "--quiet", testbed], ct).ConfigureAwait(false);
            await GitAsync(testbed, ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", Path.GetFullPath(checkoutGitDir), $"{commit}:refs/trajbuild/base"], ct).ConfigureAwait(false);
            await GitAsync(testbed, ["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", "refs/trajbuild/base"], ct).ConfigureAwait(false);
            await GitAsync(testbed, ["update-ref", "-d", "refs/trajbuild/base"], ct).ConfigureAwait(false);
            await session.Fence.GiveAsync(session.Folder.Root, ct).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static Task GitAsync(string folder, IEnumerable<string> arguments, CancellationToken ct) =>
        ProcessRunner.RunAsync("git", ["-C", folder, .. arguments], _ => { }, ct);
}
