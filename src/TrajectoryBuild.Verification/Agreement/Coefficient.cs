using System.Globalization;

namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// The value of an agreement coefficient, or the reason it is undefined. The library returns an undefined coefficient
/// (<see cref="Value"/> is <see cref="double.NaN"/>, <see cref="Reason"/> says why) instead of throwing on legitimate
/// data, for example when every rater gave every item the same label and the agreement expected by chance is already 1
/// (scikit-learn's <c>replace_undefined_by=nan</c>). Malformed input (ragged tables, negative counts) still throws.
/// </summary>
public sealed record Coefficient
{
    private Coefficient(double value, string? reason)
    {
        Value = value;
        Reason = reason;
    }

    /// <summary>The coefficient, or <see cref="double.NaN"/> when undefined.</summary>
    public double Value { get; }

    /// <summary>Why the coefficient is undefined; null when it is defined.</summary>
    public string? Reason { get; }

    /// <summary>Whether the coefficient has a value.</summary>
    public bool IsDefined => Reason is null;

    /// <summary>A defined coefficient; a value that is not finite gives an undefined one.</summary>
    public static Coefficient Of(double value) => double.IsFinite(value) ? new(value, null) : Undefined("the value is not a finite number");

    /// <summary>An undefined coefficient and the reason.</summary>
    public static Coefficient Undefined(string reason) => new(double.NaN, reason);

    /// <summary>
    /// The chance-corrected coefficient (observed - expected) / (1 - expected); undefined when the agreement expected by
    /// chance is 1 (within 1e-12), whatever the observed agreement.
    /// </summary>
    internal static Coefficient ChanceCorrected(double observed, double expected, string whenUndefined) =>
        Math.Abs(1 - expected) < 1e-12 ? Undefined(whenUndefined) : Of((observed - expected) / (1 - expected));

    /// <inheritdoc />
    public override string ToString() =>
        IsDefined ? Value.ToString("R", CultureInfo.InvariantCulture) : $"undefined ({Reason})";
}
