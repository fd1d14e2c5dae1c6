namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// The failure class of one failed trajectory, with the evidence that chose it: the first detector that fired decides,
/// and every detector that fired is kept for the report. An infrastructure failure has no class unless a person gives one.
/// </summary>
/// <param name="Class">The class: the human override's when there is one, else the deciding detector's; null for infrastructure.</param>
/// <param name="Infrastructure">Whether the screen found a failure that is not the agent's (sandbox, model API, test-run timeout).</param>
/// <param name="Detector">The detector that decided (a class name, or <c>infrastructure</c>).</param>
/// <param name="Fired">Every detector that fired, in detector order, each with its evidence; <c>semantic_gap</c> only when no other class fired.</param>
public sealed record FailureTag(FailureClass? Class, bool Infrastructure, string Detector, IReadOnlyList<DetectorFinding> Fired)
{
    /// <summary>The deciding detector's evidence.</summary>
    public IReadOnlyList<string> Evidence => Fired.First(f => f.Detector == Detector).Evidence;

    /// <summary>For <see cref="FailureClass.SemanticGap"/>: whether a verifier or a person scored a turn off-task or ungrounded.</summary>
    public bool Confirmed { get; init; }

    /// <summary>The taxonomy version (<see cref="TaggingOptions.Version"/>) the detectors ran under.</summary>
    public int TaxonomyVersion { get; init; } = 1;

    /// <summary>The person's class, when one overrode the detectors; else null.</summary>
    public TagOverride? Override { get; init; }

    /// <summary>The class the detectors chose, whatever a person said (null for infrastructure).</summary>
    public FailureClass? DetectedClass => Override is { } o ? o.Detected : Class;

    /// <summary>
    /// The tag with a person's class: it becomes <see cref="Class"/>, the detectors' choice and evidence are kept, and who
    /// overrode is recorded. A second override replaces the first (the detected class stays the detectors').
    /// </summary>
    public FailureTag WithOverride(FailureClass human, string annotator, string? note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(annotator);
        return this with { Class = human, Override = new TagOverride(human, annotator, note, DetectedClass) };
    }
}
