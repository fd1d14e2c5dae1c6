namespace TrajectoryBuild.Rewards.Process;

/// <summary>How one heuristic's labels compare with human labels on the annotated slice.</summary>
/// <param name="Heuristic">The heuristic's name.</param>
/// <param name="Fired">Steps of annotated trajectories the heuristic gave a signal for.</param>
/// <param name="Compared">Of those, steps a person also scored.</param>
/// <param name="Agreed">Of those, steps where the heuristic's label equals the human label.</param>
public sealed record HeuristicAgreement(string Heuristic, int Fired, int Compared, int Agreed)
{
    /// <summary><see cref="Agreed"/> / <see cref="Compared"/>, or null when nothing was compared.</summary>
    public double? Share => Compared == 0 ? null : Math.Round(Agreed / (double)Compared, 6);
}
