using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Gate;

/// <summary>One turn as a verifier scored it, with the evidence for each score that is not the best.</summary>
/// <param name="Turn">The step index.</param>
/// <param name="Scores">The five scores.</param>
/// <param name="Evidence">Why, one short line per lowered axis (empty when every axis got the best score).</param>
public sealed record GateTurn(int Turn, TurnScores Scores, IReadOnlyList<string> Evidence);

/// <summary>A verifier's judgement of one trajectory.</summary>
/// <param name="Verifier">Which verifier: <c>rules/1</c>, or <c>model/&lt;model&gt;/&lt;prompt digest&gt;</c>.</param>
/// <param name="Score">The trajectory score, 0..1 (see <see cref="Verdict"/>).</param>
/// <param name="Accept">Whether the score passes the threshold with no unsafe edit.</param>
/// <param name="Turns">Per-turn scores, in step order.</param>
public sealed record GateResult(string Verifier, double Score, bool Accept, IReadOnlyList<GateTurn> Turns);
