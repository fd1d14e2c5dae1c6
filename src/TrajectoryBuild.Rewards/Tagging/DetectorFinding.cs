namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>One detector that fired on a trajectory, and why.</summary>
/// <param name="Detector">The detector's name: a class name (<c>tool_use_loop</c>) or <c>infrastructure</c>.</param>
/// <param name="Class">The class it stands for; null for the infrastructure screen.</param>
/// <param name="Evidence">Short, specific lines: which step, how many tokens, which files.</param>
public sealed record DetectorFinding(string Detector, FailureClass? Class, IReadOnlyList<string> Evidence);
