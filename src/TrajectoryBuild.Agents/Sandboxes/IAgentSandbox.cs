namespace TrajectoryBuild.Agents;

/// <summary>Where the agent's commands run: a task's repository at its base commit in a fenced environment.</summary>
internal interface IAgentSandbox : IAsyncDisposable
{
    /// <summary>Whether the sandbox is a container (hermetic) or the host (the local fallback).</summary>
    bool Hermetic { get; }

    /// <summary>Runs <paramref name="command"/> with <c>bash -c</c> in the repository, as the unprivileged user; stdout and stderr interleaved, capped.</summary>
    Task<SandboxResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The working tree against the base commit as a unified diff (new files included, binary as git binary patches), "" when unchanged.</summary>
    Task<string> DiffAsync(CancellationToken cancellationToken);
}
