namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// Large-sample statistics of Cohen's kappa (Fleiss, Cohen and Everitt 1969, as SAS and statsmodels'
/// <c>cohens_kappa</c> compute them): standard errors, and the z-test of kappa = 0.
/// </summary>
/// <param name="Kappa">Cohen's kappa.</param>
/// <param name="StandardError">The asymptotic standard error (SAS "ASE").</param>
/// <param name="StandardErrorUnderNull">The standard error when kappa is 0, for the z-test.</param>
/// <param name="Z">Kappa / <paramref name="StandardErrorUnderNull"/>.</param>
/// <param name="PValueOneSided">P(Z' &gt; Z) for a standard normal Z'.</param>
/// <param name="PValueTwoSided">P(|Z'| &gt; |Z|).</param>
public sealed record KappaAsymptotics(double Kappa, double StandardError, double StandardErrorUnderNull, double Z, double PValueOneSided, double PValueTwoSided)
{
    /// <summary>The standard normal 97.5th percentile, for a 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The Wald interval kappa -/+ <paramref name="z"/> x <see cref="StandardError"/> (95% by default).</summary>
    public (double Low, double High) ConfidenceInterval(double z = Z95) => (Kappa - (z * StandardError), Kappa + (z * StandardError));

    /// <summary>P(Z &gt; z) of the standard normal: Marsaglia's (2004) Taylor series, about 15 correct digits for |z| &lt; 8.</summary>
    internal static double NormalUpperTail(double z)
    {
        if (Math.Abs(z) > 8)
        {
            return z > 0 ? 0 : 1;
        }

        double sum = z, term = z, previous = 0;
        for (var i = 3; sum != previous; i += 2)
        {
            previous = sum;
            term *= z * z / i;
            sum += term;
        }

        return 0.5 - (sum * Math.Exp((-0.5 * z * z) - 0.91893853320467274178));
    }
}
