using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Sampling;

/// <summary>Why a trajectory is in the human slice.</summary>
public enum SliceReason
{
    /// <summary>Drawn at random within its stratum: the only items that estimates (rates, agreement) are computed on.</summary>
    Random,

    /// <summary>Added because the gate was unsure (score near 0.5) or disagreed with the tests: informative, not representative.</summary>
    Uncertainty,
}

/// <summary>
/// One trajectory sent to annotators: the normalized trajectory itself, where it came from, and how many annotators
/// should label it. Written by the Verify stage as <c>slice.jsonl</c> and loaded by the annotation server.
/// </summary>
/// <param name="TrajectoryId">The trajectory's id.</param>
/// <param name="Stratum">The stratum key: <c>repo|scaffold|model|outcome|length</c>.</param>
/// <param name="Reason">Random draw or uncertainty top-up.</param>
/// <param name="Annotators">How many annotators label it (1, or the overlap count for agreement items).</param>
/// <param name="Trajectory">The normalized trajectory.</param>
public sealed record SliceItem(string TrajectoryId, string Stratum, SliceReason Reason, int Annotators, Trajectory Trajectory)
{
    /// <summary>The outcome from the Evaluate stage: <c>resolved</c>, <c>unresolved</c> or <c>filtered</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The gate's trajectory score (0..1), or null when the gate did not score it.</summary>
    public double? GateScore { get; init; }

    /// <summary>Which gate scored it (<c>rules/1</c>, <c>model/...</c>), or null.</summary>
    public string? GateVerifier { get; init; }

    /// <summary>The gate's scores per turn, in step order (pre-filled as predictions in Label Studio and Argilla), or empty.</summary>
    public IReadOnlyList<TurnScores> GateTurns { get; init; } = [];
}
