using TrajectoryBuild.Mining.Tasks;

namespace TrajectoryBuild.Mining.Git;

/// <summary>
/// Whether a patch applies at a checkout, how, and the tool's own words. <see cref="Reason"/> is the rejection
/// code when it does not: <see cref="RejectionReasons.UnsafePatch"/> for a refusal, <see cref="RejectionReasons.BadPatch"/> otherwise.
/// </summary>
internal sealed record PatchCheckResult(bool Applies, PatchMethod Method, string Message)
{
    public string? Reason => Applies ? null : Method == PatchMethod.Refused ? RejectionReasons.UnsafePatch : RejectionReasons.BadPatch;

    /// <summary>
    /// <paramref name="patch"/> as the check found it to apply: with LF line ends when that is how it applied
    /// (<see cref="PatchMethod.GitApplyCrlfNormalized"/>), else as it is. The task script (<c>git apply</c>, then GNU
    /// <c>patch --fuzz=5</c>, as the check tries them) must be given this form, or a patch the check accepted would fail there.
    /// </summary>
    public string AsApplied(string patch) => Method == PatchMethod.GitApplyCrlfNormalized ? PatchCheck.WithLfLineEnds(patch) : patch;

    public static PatchCheckResult Refused(string message) => new(false, PatchMethod.Refused, message);

    public static PatchCheckResult NotApplying(string message) => new(false, PatchMethod.None, message);

    public Rejection? ToRejection(string candidate) => Reason is { } reason ? new Rejection(candidate, reason, Message) : null;
}
