using TrajectoryBuild.Containers;
using TrajectoryBuild.Mining.Git;
using TrajectoryBuild.Reproduction.Execution;

namespace TrajectoryBuild.Rollouts.Tests.Evaluation;

/// <summary>
/// The door an agent's patch goes through in Evaluate, with no Docker Engine: <see cref="PatchCheck"/> on the task's
/// checkout, then the real local executor, which copies the checkout and runs the task script's <c>git apply</c> on the
/// form the check accepted. Its "test command" reports what the run left around the copy: every path beside it, and
/// where each symlink in it resolves.
/// </summary>
internal static class PatchDoor
{
    public const string Outside = "--- outside ---";
    public const string Links = "--- links ---";
    public const string Status = "--- status ---";

    // Run inside the copy after the patch; paths beside it (the executor's inbox and home) and each link's final target.
    private const string Report =
        $"echo '{Outside}'; (cd .. && find . -path ./testbed -prune -o -print | LC_ALL=C sort); pwd -P; " +
        $"echo '{Links}'; find . -path ./.git -prune -o -type l -print | while read -r l; do readlink -f \"$l\"; done; " +
        $"echo '{Status}'; git status --porcelain";

    private static readonly TaskEnvironment s_environment = new(
        "patch-door",
        new BaseImageSpec("bookworm", []),
        [],
        [],
        Report,
        "exit-code",
        TimeSpan.FromSeconds(60),
        new ContainerLimits(),
        []);

    /// <summary>What the executor's copy looked like after the patch: the paths beside it must be only its own.</summary>
    public static readonly string[] OwnPaths = [".", "./home", "./inbox", "./inbox/gold.diff", "./inbox/test.diff", "./tmp"];

    public static Task<PatchCheckResult> CheckAsync(string checkout, string patch) =>
        new PatchCheck(TimeSpan.FromSeconds(30)).CheckAsync(checkout, patch, TestContext.Current.CancellationToken);

    /// <summary>Applies <paramref name="patch"/> as Evaluate's task script does, in a copy of <paramref name="checkout"/>.</summary>
    public static async Task<Applied> ApplyAsync(string checkout, string patch)
    {
        var result = await new LocalTaskExecutor(s_environment, checkout).RunAsync(string.Empty, patch, TestContext.Current.CancellationToken);
        var log = result.Stdout + result.Stderr;
        var lines = log.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var outside = lines.IndexOf(Outside);
        var links = lines.IndexOf(Links);
        if (outside < 0 || links < outside || lines.IndexOf(Status) < links)
        {
            return new Applied(result.ExitCode, log, [], [], string.Empty);
        }

        var status = lines.IndexOf(Status);
        var copy = lines[links - 1];
        return new Applied(result.ExitCode, log, lines[(outside + 1)..(links - 1)], lines[(links + 1)..status], copy)
        {
            Changed = [.. lines[(status + 1)..].TakeWhile(l => !l.StartsWith(">>>>>", StringComparison.Ordinal)).Where(l => l.Length > 0)],
        };
    }

    /// <summary>One run: its exit code (<see cref="TestScript.PatchDoesNotApply"/> when git apply refused), log, the paths beside the copy and the links' targets.</summary>
    internal sealed record Applied(long ExitCode, string Log, IReadOnlyList<string> Beside, IReadOnlyList<string> LinkTargets, string Copy)
    {
        /// <summary><c>git status --porcelain</c> in the copy after the patch: what it changed.</summary>
        public IReadOnlyList<string> Changed { get; init; } = [];

        public bool PatchApplied => ExitCode != TestScript.PatchDoesNotApply;

        /// <summary>Nothing was written beside the copy, and every symlink in it resolves inside it.</summary>
        public void ShouldStayInside(string because)
        {
            Beside.ShouldBe(OwnPaths, $"{because}\n{Log}");
            LinkTargets.ShouldAllBe(target => target == Copy || target.StartsWith(Copy + "/", StringComparison.Ordinal), $"{because}\n{Log}");
        }
    }
}
