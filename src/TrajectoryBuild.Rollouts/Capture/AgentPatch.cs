using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Rollouts.Capture;

/// <summary>An agent's final patch as the stages see it: empty (kept, marked, never run) or not, and its digest.</summary>
internal static class AgentPatch
{
    public static bool IsEmpty(string? patch) => string.IsNullOrWhiteSpace(patch);

    /// <summary>The patch's SHA-256, or null for an empty patch.</summary>
    public static string? DigestOf(string? patch) => IsEmpty(patch) ? null : Digest.OfText(patch!);
}
