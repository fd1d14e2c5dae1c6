namespace TrajectoryBuild.Mining.Git;

/// <summary>What a unified diff touches, read without applying it: every path it names and any binary or symlink parts.</summary>
/// <param name="Paths">Every path the patch names, old and new (<c>a/</c> and <c>b/</c> prefixes stripped, so <c>a//etc/passwd</c> reads as <c>/etc/passwd</c>).</param>
/// <param name="SymlinkTargets">(link path, target) for every symlink the patch creates or changes.</param>
/// <param name="BinaryData">The path of the first <c>GIT binary patch</c> section: binary content in the patch.</param>
/// <param name="BinaryWithoutData">The first <c>Binary files ... differ</c> line: a binary change whose content is not in the patch.</param>
internal sealed record PatchFiles(
    IReadOnlyList<string> Paths,
    IReadOnlyList<(string Link, string Target)> SymlinkTargets,
    string? BinaryData,
    string? BinaryWithoutData)
{
    public bool IsEmpty => Paths.Count == 0 && BinaryWithoutData is null;
}
