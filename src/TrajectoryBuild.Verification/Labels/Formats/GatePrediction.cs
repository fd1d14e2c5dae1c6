namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>The verifier gate's scores of one turn, shown to annotators as a pre-annotation (never counted as a label).</summary>
/// <param name="TrajectoryId">The trajectory.</param>
/// <param name="Turn">The 0-based step index.</param>
/// <param name="Scores">The gate's score per axis.</param>
/// <param name="Score">The gate's confidence, 0 to 1.</param>
/// <param name="ModelVersion">Which gate produced it (Label Studio <c>model_version</c>, Argilla <c>agent</c>).</param>
public sealed record GatePrediction(string TrajectoryId, int Turn, TurnScores Scores, double Score, string ModelVersion);
