using TrajectoryBuild.Reproduction.Parsing;

namespace TrajectoryBuild.Reproduction.Grading;

/// <summary>
/// The observed FAIL_TO_PASS and PASS_TO_PASS of a task (sorted, ordinal), its verdict, the tests dropped as
/// flaky and warnings (declared lists that disagree with what was observed).
/// </summary>
internal sealed partial record ValidationReport(
    IReadOnlyList<string> FailToPass,
    IReadOnlyList<string> PassToPass,
    ValidationVerdict Verdict,
    IReadOnlyList<string> Flaky,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The failed tests (or runs) that met a refusal of the sandbox, before and after the gold patch: infrastructure
    /// failures of those tests, which are in neither list.
    /// </summary>
    public IReadOnlyList<(string Run, SandboxRefusal Refusal)> Refused { get; init; } = [];
}
