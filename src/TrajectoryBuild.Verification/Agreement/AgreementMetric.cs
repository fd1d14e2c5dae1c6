namespace TrajectoryBuild.Verification.Agreement;

/// <summary>The agreement metrics <see cref="AgreementReport"/> computes.</summary>
public enum AgreementMetric
{
    /// <summary>Pairwise observed agreement (<see cref="Agreement.PercentAgreement"/>).</summary>
    PercentAgreement,

    /// <summary>Unweighted Cohen's kappa, the mean over rater pairs (Light's kappa with more than two raters).</summary>
    CohenKappa,

    /// <summary>Linearly weighted Cohen's kappa, the mean over rater pairs.</summary>
    CohenKappaLinear,

    /// <summary>Quadratically weighted Cohen's kappa, the mean over rater pairs.</summary>
    CohenKappaQuadratic,

    /// <summary>Fleiss' kappa over all raters.</summary>
    FleissKappa,

    /// <summary>Randolph's free-marginal kappa over all raters (chance is 1 / number of categories).</summary>
    RandolphKappa,

    /// <summary>Krippendorff's alpha, nominal.</summary>
    KrippendorffAlphaNominal,

    /// <summary>Krippendorff's alpha, ordinal.</summary>
    KrippendorffAlphaOrdinal,

    /// <summary>Krippendorff's alpha, interval (on the score values).</summary>
    KrippendorffAlphaInterval,

    /// <summary>Gwet's AC1.</summary>
    GwetAc1,
}
