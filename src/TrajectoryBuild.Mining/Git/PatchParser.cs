using TrajectoryBuild.Mining.Patches;

namespace TrajectoryBuild.Mining.Git;

/// <summary>What a patch touches, for the safety checks before any tool runs: read with <see cref="UnifiedDiff"/>.</summary>
internal static class PatchParser
{
    /// <exception cref="PatchFormatException">The patch is not a well-formed unified diff.</exception>
    public static PatchFiles Parse(string patch)
    {
        var diff = UnifiedDiff.Parse(patch);
        var binaryWithoutData = diff.Files.FirstOrDefault(f => f.IsBinary && !f.HasBinaryData) is { } binary
            ? binary.Text.Split('\n').FirstOrDefault(l => l.StartsWith("Binary files ", StringComparison.Ordinal))?.TrimEnd('\r') ?? binary.Path
            : null;
        return new PatchFiles(
            diff.Paths,
            diff.Files.Where(f => f.SymlinkTarget is not null).Select(f => (f.Path, f.SymlinkTarget!)).ToList(),
            diff.Files.FirstOrDefault(f => f.HasBinaryData)?.Path,
            binaryWithoutData);
    }
}
