using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Rewards;

/// <summary>What stage 4b (Evaluate) found for one trajectory's patch: the only source of outcome labels.</summary>
/// <param name="Status"><c>evaluated</c>, or <c>filtered</c> (the patch reaches outside the repository or does not apply).</param>
/// <param name="FilterReason"><c>patch-outside-repo</c>, <c>patch-does-not-apply</c>, or null.</param>
/// <param name="Resolved">Every FAIL_TO_PASS test passes and every PASS_TO_PASS test still passes.</param>
/// <param name="FailToPassPassed">FAIL_TO_PASS tests that pass with the patch.</param>
/// <param name="FailToPassFailed">FAIL_TO_PASS tests that still fail.</param>
/// <param name="PassToPassPassed">PASS_TO_PASS tests that still pass.</param>
/// <param name="PassToPassFailed">PASS_TO_PASS tests the patch broke.</param>
public sealed record EvaluationFacts(
    string Status,
    string? FilterReason,
    bool Resolved,
    IReadOnlyList<string> FailToPassPassed,
    IReadOnlyList<string> FailToPassFailed,
    IReadOnlyList<string> PassToPassPassed,
    IReadOnlyList<string> PassToPassFailed)
{
    /// <summary>Error lines the test run printed (<c>SyntaxError</c>, <c>ImportError</c>, collection errors), deduplicated, at most 20.</summary>
    public IReadOnlyList<string> TestErrors { get; init; } = [];

    /// <summary>Why the test log could not be graded (timeout, out of memory, no recognizable output), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>Whether the patch was filtered before any test ran.</summary>
    public bool IsFiltered => Status == "filtered";

    /// <summary>Reads an Evaluate record (<c>evaluation.json</c>).</summary>
    public static EvaluationFacts FromJson(JsonNode evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var tests = evaluation["tests_status"];
        IReadOnlyList<string> List(string group, string outcome) =>
            tests?[group]?[outcome] is JsonArray array ? [.. array.Select(t => t!.GetValue<string>())] : [];
        return new EvaluationFacts(
            evaluation["status"]!.GetValue<string>(),
            evaluation["reason"]?.GetValue<string>(),
            evaluation["resolved"]?.GetValue<bool>() == true,
            List("FAIL_TO_PASS", "success"),
            List("FAIL_TO_PASS", "failure"),
            List("PASS_TO_PASS", "success"),
            List("PASS_TO_PASS", "failure"))
        {
            TestErrors = evaluation["test_errors"] is JsonArray errors ? [.. errors.Select(e => e!.GetValue<string>())] : [],
            Problem = evaluation["status"]!.GetValue<string>() == "evaluated" ? evaluation["detail"]?.GetValue<string>() : null,
        };
    }
}

/// <summary>A turn's scores as stage 5 (Verify) decided them, and whether a person gave them.</summary>
/// <param name="Turn">The step index.</param>
/// <param name="Scores">The five axis scores.</param>
/// <param name="Source"><c>human</c>, <c>adjudicated</c> or <c>gate</c>.</param>
public sealed record VerifiedTurn(int Turn, TurnScores Scores, string Source)
{
    /// <summary>Whether a person (an annotator or a reviewer) scored the turn.</summary>
    public bool IsHuman => Source is "human" or "adjudicated";
}

/// <summary>Everything stages 6 and 7 know about one trajectory.</summary>
/// <param name="TrajectoryId">The trajectory's id.</param>
/// <param name="Trajectory">The normalized trajectory.</param>
/// <param name="Evaluation">Evaluate's findings.</param>
/// <param name="GoldFiles">The files the task's gold patch changes (repository-relative).</param>
/// <param name="Turns">Stage 5's per-turn scores, in step order (empty when the trajectory was not verified).</param>
public sealed record TrajectoryFacts(string TrajectoryId, Trajectory Trajectory, EvaluationFacts Evaluation, IReadOnlySet<string> GoldFiles, IReadOnlyList<VerifiedTurn> Turns)
{
    /// <summary>The model's context window in tokens (the manifest's <c>models.NAME.context_window</c>), or null when unknown.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>The scaffold's step limit (<c>limits.steps</c>), or null.</summary>
    public int? StepLimit { get; init; }
}
