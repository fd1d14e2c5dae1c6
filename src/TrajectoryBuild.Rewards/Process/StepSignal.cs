namespace TrajectoryBuild.Rewards.Process;

/// <summary>One source's opinion of one step, with the evidence it saw.</summary>
/// <param name="Source"><c>human</c>, <c>heuristics</c> or <c>monte_carlo</c> (see <see cref="ProcessSources"/>).</param>
/// <param name="Name">What in the source fired: a heuristic's name, <c>turn_quality</c>, <c>shared_prefix</c>.</param>
/// <param name="Label">-1, 0 or +1.</param>
/// <param name="Score">The soft score in [0, 1].</param>
/// <param name="Evidence">What was seen, naming the step (and any other step involved).</param>
public sealed record StepSignal(string Source, string Name, int Label, double Score, string Evidence)
{
    /// <summary>A heuristic's signal: its score is <c>0.5 + 0.5 x label</c>.</summary>
    public static StepSignal Heuristic(string name, int label, string evidence) =>
        new(ProcessSources.Heuristics, name, label, 0.5 + (0.5 * label), evidence);
}
