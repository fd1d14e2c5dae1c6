using TrajectoryBuild.Mining.Patches;

namespace TrajectoryBuild.Mining.Git;

/// <summary>
/// Refuses, before any tool runs, patches that reach outside the checkout: absolute paths, <c>..</c>, the
/// <c>.git</c> folder, paths through a symlink in the checkout or one the patch creates, edits to a symlink that points
/// outside, and new symlinks that point outside or into <c>.git</c>.
/// </summary>
internal static class PatchSafety
{
    private static readonly char[] s_separators = ['/', '\\'];

    /// <summary>Why the patch is unsafe, or null when every path stays inside <paramref name="checkout"/>.</summary>
    public static string? Check(string checkout, PatchFiles files)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkout));
        if (files.Paths.FirstOrDefault(RepositoryPaths.IsAbsolute) is { } absolute)
        {
            return $"path '{absolute}' is absolute";
        }

        var links = files.SymlinkTargets.Select(s => s.Link).ToHashSet(StringComparer.Ordinal);
        foreach (var path in files.Paths)
        {
            if ((PathProblem(root, path) ?? RepositoryPaths.ThroughNewSymlink(path, links)) is { } problem)
            {
                return problem;
            }
        }

        return files.SymlinkTargets.Select(s => RepositoryPaths.SymlinkProblem(s.Link, s.Target)).FirstOrDefault(problem => problem is not null);
    }

    private static string? PathProblem(string root, string path)
    {
        var segments = path.Split(s_separators);
        if (path.Length == 0 || RepositoryPaths.IsAbsolute(path))
        {
            return $"path '{path}' is {(path.Length == 0 ? "empty" : "absolute")}";
        }

        if (segments.Contains(".."))
        {
            return $"path '{path}' leaves the repository ('..')";
        }

        if (segments.Any(s => s.Equals(".git", StringComparison.OrdinalIgnoreCase)))
        {
            return $"path '{path}' writes into the .git folder";
        }

        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!IsInside(root, full))
        {
            return $"path '{path}' resolves outside the repository";
        }

        // Every folder on the way must be a real folder: a symlinked one redirects the write anywhere.
        var walked = root;
        foreach (var segment in segments.Where(s => s.Length > 0 && s != ".").SkipLast(1))
        {
            walked = Path.Combine(walked, segment);
            if (new FileInfo(walked).LinkTarget is { } target)
            {
                return $"path '{path}' goes through the symlink '{Path.GetRelativePath(root, walked)}' -> '{target}'";
            }
        }

        return new FileInfo(full).LinkTarget is null ? null : LinkProblem(root, path, full);
    }

    private static string? LinkProblem(string root, string path, string full)
    {
        try
        {
            var final = File.ResolveLinkTarget(full, returnFinalTarget: true);
            return final is null || IsInside(root, final.FullName) ? null : $"path '{path}' is a symlink to '{final.FullName}', outside the repository";
        }
        catch (IOException exception)
        {
            return $"path '{path}' is a symlink that cannot be resolved ({exception.Message})";
        }
    }

    private static bool IsInside(string root, string full) =>
        full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
