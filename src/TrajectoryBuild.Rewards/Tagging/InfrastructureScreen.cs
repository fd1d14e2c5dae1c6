using System.Text.RegularExpressions;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// Failures that are not the agent's: the model API or the sandbox failed (exit status or error), the test run timed
/// out, ran out of memory or was stopped at its disk limit, or the run recorded an error before any step.
/// </summary>
internal static partial class InfrastructureScreen
{
    public static DetectorFinding? Detect(TaggingContext context)
    {
        var trajectory = context.Trajectory;
        var evidence = new List<string>();
        if (trajectory.ExitStatus is { } status && InfraStatus().IsMatch(status))
        {
            evidence.Add($"exit status '{status}'");
        }

        if (trajectory.Error is { } error && InfraError().Match(error) is { Success: true } match && !IsContext(error))
        {
            evidence.Add($"run error: '{match.Value}' in \"{StepActions.Short(error)}\"");
        }

        if (context.Steps.Count > 0 && context.Steps[^1].Error is { } last && InfraError().Match(last) is { Success: true } lastMatch && !IsContext(last))
        {
            evidence.Add($"{context.StepName(context.Steps.Count - 1)} (the last) ended with '{lastMatch.Value}': \"{StepActions.Short(last)}\"");
        }

        if (context.Facts.Evaluation.Problem is { } problem && TestRunProblem().Match(problem) is { Success: true } test)
        {
            evidence.Add($"test run: '{test.Value}' (\"{StepActions.Short(problem)}\")");
        }

        if (context.Steps.Count == 0 && !string.IsNullOrWhiteSpace(trajectory.Error))
        {
            evidence.Add($"no steps, and the run recorded an error: \"{StepActions.Short(trajectory.Error)}\"");
        }

        return evidence.Count == 0 ? null : new DetectorFinding(FailureClasses.Infrastructure, null, evidence);
    }

    private static bool IsContext(string error) => ContextOverflowDetector.ContextError().IsMatch(error);

    [GeneratedRegex(@"^(model_error|api_error|exit_api|exit_environment_error|environment_error|runtime_error|sandbox_error|infra(structure)?_error|transport_error|docker_error|exit_env)$", RegexOptions.IgnoreCase)]
    private static partial Regex InfraStatus();

    [GeneratedRegex(@"APIConnectionError|APITimeoutError|APIError|RateLimitError|ServiceUnavailable(Error)?|InternalServerError|BadGateway|Bad Gateway|Gateway Time-?out|Connection (refused|reset|aborted)|ConnectionError|ReadTimeout|RemoteProtocolError|model_error|transport error|AgentRuntime\w*|Runtime(Disconnected|Unavailable)\w*|SandboxError|sandbox (crashed|died|unavailable|timed out)|(docker|container) (error|crashed|exited|died|not running)|DockerException", RegexOptions.IgnoreCase)]
    private static partial Regex InfraError();

    // Evaluate's own problems are hyphenated (tests-timed-out, out-of-memory, disk-limit: TestRunProblems).
    [GeneratedRegex(@"timed?[ -]?out|timeout|out[ -]of[ -]memory|\bOOM\b|MemoryError|killed|disk[ -]limit", RegexOptions.IgnoreCase)]
    private static partial Regex TestRunProblem();
}
