namespace TrajectoryBuild.Rewards.Process;

/// <summary>The process reward of one step: one row of PRM training data.</summary>
/// <param name="Step">The step index (<c>AgentStep.Index</c>).</param>
/// <param name="Label">-1, 0 or +1: the hard label a classification PRM trains on.</param>
/// <param name="Score">The soft score in [0, 1]: the target a regression PRM trains on.</param>
/// <param name="Source">The source that decided (<c>human</c>, <c>heuristics</c>, <c>monte_carlo</c>), or <c>none</c>.</param>
/// <param name="Signals">Every source's signal for the step, the deciding one included: the label's evidence.</param>
public sealed record StepReward(int Step, int Label, double Score, string Source, IReadOnlyList<StepSignal> Signals);
