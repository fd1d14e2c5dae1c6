namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// Disagreement weights of Cohen's kappa, on the category <em>index positions</em> 0..k-1 of the label list (the sorted
/// labels present, or the explicit list), as scikit-learn does: a gap in the values (labels 4 and 6 with no 5) counts as
/// one step, not two.
/// </summary>
public enum KappaWeights
{
    /// <summary>Unweighted: every disagreement weighs 1.</summary>
    None,

    /// <summary>Linear: |i - j|.</summary>
    Linear,

    /// <summary>Quadratic: (i - j)^2.</summary>
    Quadratic,
}
