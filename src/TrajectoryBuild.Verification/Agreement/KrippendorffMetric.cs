namespace TrajectoryBuild.Verification.Agreement;

/// <summary>The difference function (level of measurement) of Krippendorff's alpha.</summary>
public enum KrippendorffMetric
{
    /// <summary>Nominal: 0 when the values are equal, 1 otherwise.</summary>
    Nominal,

    /// <summary>
    /// Ordinal: (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2 over the sorted values, n_g the pairable count of value g; only
    /// the order of the values matters.
    /// </summary>
    Ordinal,

    /// <summary>Interval: (c - k)^2.</summary>
    Interval,

    /// <summary>Ratio: ((c - k) / (c + k))^2, 0 when both are 0.</summary>
    Ratio,
}
