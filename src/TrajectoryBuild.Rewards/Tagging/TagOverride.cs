namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>A person's failure class for a trajectory, which wins over the detectors'.</summary>
/// <param name="Class">The class the person chose.</param>
/// <param name="OverriddenBy">Who chose it (the annotator's id).</param>
/// <param name="Note">Why, in the person's words, or null.</param>
/// <param name="Detected">The class the detectors chose (null when they screened it out as infrastructure).</param>
public sealed record TagOverride(FailureClass Class, string OverriddenBy, string? Note, FailureClass? Detected);
