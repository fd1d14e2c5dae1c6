namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// Why a failed trajectory failed: exactly one of six classes, chosen by the first of the ordered detectors that fires
/// (the enum's order is the detector order). Failures that are not the agent's are screened out before, as infrastructure.
/// </summary>
public enum FailureClass
{
    /// <summary>The model's input reached (or nearly reached) its context window; <c>context_overflow</c>.</summary>
    ContextOverflow,

    /// <summary>Tool-use inefficiency: the agent repeated itself, alternated, or hit the same error again; <c>tool_use_loop</c>.</summary>
    ToolUseLoop,

    /// <summary>The patch touches none of the files the gold patch touches; <c>localization</c>.</summary>
    Localization,

    /// <summary>The patch does not apply, is empty, or breaks import or syntax; edits kept failing; <c>broken_implementation</c>.</summary>
    BrokenImplementation,

    /// <summary>Some target tests pass but not all, existing tests broke, or no test ran after the last edit; <c>incomplete_verification</c>.</summary>
    IncompleteVerification,

    /// <summary>None of the above: the agent misread what the issue asks; <c>semantic_gap</c>.</summary>
    SemanticGap,
}
