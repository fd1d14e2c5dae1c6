namespace TrajectoryBuild.Reproduction.Parsing;

// Found is false when the log cannot be graded (SWE-bench's `found`): Problem says why and Statuses is empty.
// CollectionError is the first line showing the suite failed to import or collect. Flaky lists tests dropped
// because their status differed between repeated runs (Stability.Combine). Refusals are the failed tests (or the run)
// that met a refusal of the sandbox (SandboxRefusals).
internal sealed record TestRun(
    IReadOnlyDictionary<string, TestStatus> Statuses,
    bool Found = true,
    int? ExitCode = null,
    string? Problem = null,
    string? CollectionError = null)
{
    public IReadOnlyList<string> Flaky { get; init; } = [];

    public IReadOnlyList<SandboxRefusal> Refusals { get; init; } = [];

    public static TestRun Unreadable(string problem, int? exitCode = null) =>
        new(new Dictionary<string, TestStatus>(StringComparer.Ordinal), Found: false, exitCode, problem);
}
