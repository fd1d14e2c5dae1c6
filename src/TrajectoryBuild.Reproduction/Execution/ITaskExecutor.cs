using TrajectoryBuild.Containers;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// Runs a prepared task's tests once with a test patch and, optionally, a gold (or agent) patch, each run on a fresh
/// copy of the repository at its base commit. Docker runs each in a fresh container of the task image; the local
/// executor in a fresh temporary worktree with the host's toolchain, which is not hermetic and says so.
/// </summary>
internal interface ITaskExecutor
{
    /// <summary><c>docker</c> or <c>local</c>.</summary>
    string Name { get; }

    /// <summary>False for the local executor: reports and provenance carry it.</summary>
    bool Hermetic { get; }

    /// <summary>The task image (docker), or null.</summary>
    string? Image { get; }

    /// <summary>
    /// The absolute folders a run may use: the repository, its home and the temporary folders. What is refused there
    /// is the test's own business; what is refused elsewhere is the sandbox's (<see cref="Parsing.SandboxRefusals"/>).
    /// </summary>
    IReadOnlyCollection<string> Workspaces { get; }

    Task<ContainerResult> RunAsync(string testPatch, string? goldPatch, CancellationToken cancellationToken);
}

/// <summary>Preparing a task failed in its own setup or install script (not in the engine): a reason to reject it.</summary>
internal sealed record PrepareFailure(string Reason, string Detail);

/// <summary>The names executors go by, in the manifest (<c>executor:</c>) and in outputs.</summary>
internal static class Executors
{
    public const string Docker = "docker";
    public const string Local = "local";
}
