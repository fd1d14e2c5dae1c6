namespace TrajectoryBuild.Mining.Git;

/// <summary>How a patch was found to apply, in the order <see cref="PatchCheck"/> tries them (SWE-bench's fallbacks).</summary>
internal enum PatchMethod
{
    /// <summary>No method applied it (or none was tried: a binary diff, an empty patch).</summary>
    None,

    /// <summary><c>git apply --check</c>, as is.</summary>
    GitApply,

    /// <summary><c>git apply --check</c> after turning the patch's CRLF line ends into LF.</summary>
    GitApplyCrlfNormalized,

    /// <summary><c>patch --dry-run -p1 --fuzz=5</c> (GNU patch): context may have drifted.</summary>
    PatchFuzz,

    /// <summary>Not run at all: the patch touches a path outside the repository.</summary>
    Refused,
}
