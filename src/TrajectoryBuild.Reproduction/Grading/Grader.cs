using TrajectoryBuild.Reproduction.Parsing;

namespace TrajectoryBuild.Reproduction.Grading;

/// <summary>
/// Validates a task from its two runs (test patch only; test patch + gold patch), stricter than SWE-bench:
/// FAIL_TO_PASS = failing (FAILED/ERROR) or absent before and passing (PASSED/XFAIL) after; PASS_TO_PASS =
/// passing in both; skipped tests are in neither. A test that failed on what the sandbox refuses (the network, files
/// outside the run's folders) is reported as such; when it is why the task would be rejected, the rejection is the
/// infrastructure's (<c>sandbox-refused</c>). Grades an agent's run with <c>Evaluate</c>.
/// </summary>
internal static partial class Grader
{
    /// <summary>Bumped when a grading rule changes (what passes, what rejects): part of the verifier digest.</summary>
    public const int RulesVersion = 2;

    public static ValidationReport Validate(
        IReadOnlyDictionary<string, TestStatus> before,
        IReadOnlyDictionary<string, TestStatus> after,
        IReadOnlyCollection<string>? declaredFailToPass = null,
        IReadOnlyCollection<string>? declaredPassToPass = null) =>
        Validate(new TestRun(before), new TestRun(after), declaredFailToPass, declaredPassToPass);

    public static ValidationReport Validate(
        TestRun before,
        TestRun after,
        IReadOnlyCollection<string>? declaredFailToPass = null,
        IReadOnlyCollection<string>? declaredPassToPass = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var flaky = before.Flaky.Union(after.Flaky, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // Before the gold patch, tests that cannot even be imported (the test patch uses what the fix adds) are
        // "absent", and become FAIL_TO_PASS if they pass after, as in SWE-bench. After the gold patch, the suite must run.
        if ((RunVerdict("before", before, missingTestsAllowed: true) ?? RunVerdict("after", after, missingTestsAllowed: false)) is { } broken)
        {
            return new ValidationReport([], [], broken, flaky, []);
        }

        var flakySet = flaky.ToHashSet(StringComparer.Ordinal);
        var tests = before.Statuses.Keys.Union(after.Statuses.Keys, StringComparer.Ordinal)
            .Where(test => !flakySet.Contains(test))
            .Order(StringComparer.Ordinal)
            .ToList();
        var failToPass = tests.Where(t => FailsOrAbsent(before, t) && Passes(after, t)).ToList();
        var passToPass = tests.Where(t => Passes(before, t) && Passes(after, t)).ToList();
        var passToFail = tests.Where(t => Passes(before, t) && FailsOrAbsent(after, t)).ToList();
        var errorBefore = failToPass.Where(t => before.Statuses.GetValueOrDefault(t, TestStatus.Failed) == TestStatus.Error).ToList();

        var verdict = SandboxVerdict(ObservedVerdict(failToPass, passToFail, errorBefore), passToFail, after.Refusals);
        var warnings = Disagreements("FAIL_TO_PASS", declaredFailToPass, failToPass)
            .Concat(Disagreements("PASS_TO_PASS", declaredPassToPass, passToPass))
            .ToList();
        var refused = before.Refusals.Select(r => (Run: "before", Refusal: r)).Concat(after.Refusals.Select(r => (Run: "after", Refusal: r)))
            .Where(r => r.Refusal.Test is null || !flakySet.Contains(r.Refusal.Test))
            .OrderBy(r => r.Run, StringComparer.Ordinal).ThenBy(r => r.Refusal.Kind, StringComparer.Ordinal).ThenBy(r => r.Refusal.Test, StringComparer.Ordinal)
            .ToList();
        return new ValidationReport(failToPass, passToPass, verdict, flaky, warnings) { Refused = refused };
    }

    // A task rejected for no FAIL_TO_PASS, or for tests that fail after the gold patch, while the sandbox refused tests
    // after it (those tests, or the run when no test is named): the gold patch was not given a fair run, so the rejection
    // is the infrastructure's. Errors before the gold patch are the task's whatever the sandbox did.
    private static ValidationVerdict SandboxVerdict(ValidationVerdict verdict, List<string> passToFail, IReadOnlyList<SandboxRefusal> after)
    {
        var explains = verdict.Reason switch
        {
            RejectionReasons.NoFailToPass => after.ToList(),
            RejectionReasons.PassToFail => [.. after.Where(r => r.Test is null || passToFail.Contains(r.Test, StringComparer.Ordinal))],
            _ => [],
        };
        if (explains.Count == 0)
        {
            return verdict;
        }

        var what = explains.GroupBy(r => r.Kind).Select(g => $"{(g.Key == SandboxRefusals.Network ? "the network" : "files outside the run's folders")} ({string.Join(", ", g.Select(r => r.Test ?? $"the run: {r.Evidence}"))})");
        return ValidationVerdict.Reject(
            RejectionReasons.SandboxRefused,
            FailureKind.Infrastructure,
            $"after the gold patch, tests failed on what the sandbox refuses: {string.Join("; ", what)}; without them: {verdict.Detail}");
    }

    private static ValidationVerdict ObservedVerdict(List<string> failToPass, List<string> passToFail, List<string> errorBefore)
    {
        if (passToFail.Count > 0)
        {
            return ValidationVerdict.Reject(
                RejectionReasons.PassToFail,
                FailureKind.Task,
                $"{Count(passToFail.Count)} pass before the gold patch and fail after it: {string.Join(", ", passToFail)}");
        }

        if (errorBefore.Count > 0)
        {
            return ValidationVerdict.Reject(
                RejectionReasons.ErrorBefore,
                FailureKind.Task,
                errorBefore.Count == 1
                    ? $"1 FAIL_TO_PASS test errors (rather than fails) before the gold patch: {errorBefore[0]}"
                    : $"{errorBefore.Count} FAIL_TO_PASS tests error (rather than fail) before the gold patch: {string.Join(", ", errorBefore)}");
        }

        return failToPass.Count == 0
            ? ValidationVerdict.Reject(RejectionReasons.NoFailToPass, FailureKind.Task, "no test fails (or is absent) before the gold patch and passes after it")
            : ValidationVerdict.Accept;
    }

    private static ValidationVerdict? RunVerdict(string name, TestRun run, bool missingTestsAllowed)
    {
        if (run.Problem == TestRunProblems.SpoofedOutput)
        {
            return ValidationVerdict.Reject(
                RejectionReasons.SpoofedOutput,
                FailureKind.Task,
                $"{name} run: the log shows only passes but the test command exited {run.ExitCode}");
        }

        if (run.Problem == TestRunProblems.PatchApplyFailed)
        {
            return ValidationVerdict.Reject(RejectionReasons.PatchDoesNotApply, FailureKind.Task, $"{name} run: a patch does not apply to the base commit");
        }

        string? why = run switch
        {
            { Found: false } => $"the log cannot be graded ({run.Problem})",
            _ when missingTestsAllowed => null,
            { CollectionError: { } line } => $"import or collection error: {line}",
            { Statuses.Count: 0, Flaky.Count: 0 } => "no tests were parsed from the log",
            _ => null,
        };
        return why is null ? null : ValidationVerdict.Reject(RejectionReasons.SuiteDidNotRun, FailureKind.Infrastructure, $"{name} run: {why}");
    }

    private static IEnumerable<string> Disagreements(string list, IReadOnlyCollection<string>? declared, List<string> observed)
    {
        if (declared is null)
        {
            yield break;
        }

        foreach (var test in declared.Except(observed, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            yield return $"declared {list} not observed: {test}";
        }

        foreach (var test in observed.Except(declared, StringComparer.Ordinal))
        {
            yield return $"observed {list} not declared: {test}";
        }
    }

    private static bool Passes(TestRun run, string test) =>
        run.Statuses.TryGetValue(test, out var status) && TestStatuses.IsPass(status);

    private static bool FailsOrAbsent(TestRun run, string test) =>
        !run.Statuses.TryGetValue(test, out var status) || TestStatuses.IsFailure(status);

    private static string Count(int n) => n == 1 ? "1 test" : $"{n} tests";
}
