namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// Stage 7's classifier: screens out infrastructure failures, then runs the six detectors in order; the first that fires
/// chooses the class, and every one that fires is kept with its evidence.
/// </summary>
public static class FailureTagger
{
    private static readonly Func<TaggingContext, DetectorFinding?>[] s_detectors =
    [
        ContextOverflowDetector.Detect,
        ToolUseLoopDetector.Detect,
        LocalizationDetector.Detect,
        BrokenImplementationDetector.Detect,
        IncompleteVerificationDetector.Detect,
    ];

    /// <summary>
    /// The failure tag of a failed trajectory (not resolved, or filtered), or null when it resolved its task: a resolved
    /// trajectory has no failure to tag, and the caller skips it.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static FailureTag? Tag(TrajectoryFacts facts, TaggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        if (facts.Evaluation.Resolved && !facts.Evaluation.IsFiltered)
        {
            return null;
        }

        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException($"invalid tagging options: {string.Join("; ", errors)}", nameof(options));
        }

        var context = new TaggingContext(facts, options);
        var fired = new List<DetectorFinding>();
        if (InfrastructureScreen.Detect(context) is { } infrastructure)
        {
            fired.Add(infrastructure);
        }

        fired.AddRange(s_detectors.Select(detect => detect(context)).OfType<DetectorFinding>());
        var confirmed = false;
        if (fired.All(f => f.Class is null))
        {
            // The rest: also behind an infrastructure screen, so the agent's class is known if a person disagrees with it.
            (var semantic, confirmed) = SemanticGapDetector.Detect(context);
            fired.Add(semantic);
        }

        var first = fired[0];
        return new FailureTag(first.Class, first.Class is null, first.Detector, fired)
        {
            Confirmed = first.Class == FailureClass.SemanticGap && confirmed,
            TaxonomyVersion = options.Version,
        };
    }
}
