using TrajectoryBuild.Containers;

namespace TrajectoryBuild.Agents;

/// <summary>The shell lines both sandboxes share: merging stderr into stdout, and the final diff.</summary>
internal static class SandboxCommands
{
    /// <summary>Bytes of output kept per command (the model sees less; see <see cref="AgentConfig.MaxObservationChars"/>).</summary>
    public const int OutputLimitBytes = 1024 * 1024;

    /// <summary>Bytes kept of a diff: far past any real patch, so a diff is never cut.</summary>
    public const int DiffLimitBytes = 64 * 1024 * 1024;

    /// <summary>
    /// The diff of everything in the working tree (tracked changes, new files, deletions; .gitignore honoured) against
    /// HEAD, the base commit. It stages into a throwaway index (GIT_INDEX_FILE), so the agent's own index is untouched;
    /// <c>--binary</c> makes binary changes applicable. Empty output means unchanged.
    /// </summary>
    public const string Diff =
        "set -e\n"
        + "scratch=$(mktemp -d)\n"
        + "trap 'rm -rf \"$scratch\"' EXIT\n"
        + "export GIT_INDEX_FILE=\"$scratch/index\"\n"
        + "git read-tree HEAD\n"
        + "git add -A .\n"
        + "git -c core.quotepath=off diff --cached --binary --no-color --no-ext-diff HEAD\n";

    /// <summary>The user's command with stderr joined to stdout, in the order they were written.</summary>
    public static string Merged(string command) => "exec 2>&1\n" + command;

    /// <summary>A sandbox result from a run whose output was merged into stdout.</summary>
    public static SandboxResult ToSandboxResult(ContainerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SandboxResult((int)result.ExitCode, result.Stdout + result.Stderr, result.TimedOut, result.Duration);
    }

    /// <summary>The diff (stdout only: git's warnings on stderr are not part of it), or an exception when git failed.</summary>
    public static string DiffOrThrow(ContainerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.ExitCode == 0 && !result.TimedOut
            ? result.Stdout
            : throw new InvalidOperationException($"git diff in the sandbox failed (exit {result.ExitCode}{(result.TimedOut ? ", timed out" : "")}): {result.Stderr}{result.Stdout}");
    }
}
