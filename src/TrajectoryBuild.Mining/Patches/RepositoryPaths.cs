namespace TrajectoryBuild.Mining.Patches;

/// <summary>
/// What a diff's paths and symlinks mean for the repository, read from the text alone (no checkout): absolute paths,
/// symlinks that point outside it or into <c>.git</c>, paths that go through a symlink the same diff creates.
/// <c>git apply</c> refuses these too; saying why before it runs gives a clear reason and a fixed answer that does not
/// depend on where the checkout is.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly char[] s_separators = ['/', '\\'];

    public static bool IsAbsolute(string path) =>
        path.StartsWith('/') || path.StartsWith('\\') || path.StartsWith('~') || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':');

    /// <summary>Why a symlink at <paramref name="link"/> pointing to <paramref name="target"/> is unsafe, or null.</summary>
    public static string? SymlinkProblem(string link, string target)
    {
        if (target.Length == 0 || IsAbsolute(target))
        {
            return $"symlink '{link}' would point outside the repository (to '{target}')";
        }

        // Resolved from the link's folder, one segment at a time: going above the root at any point leaves it.
        var resolved = Segments(link).SkipLast(1).ToList();
        foreach (var segment in Segments(target))
        {
            if (segment != "..")
            {
                resolved.Add(segment);
            }
            else if (resolved.Count > 0)
            {
                resolved.RemoveAt(resolved.Count - 1);
            }
            else
            {
                return $"symlink '{link}' would point outside the repository (to '{target}')";
            }
        }

        if (resolved.Count == 0)
        {
            return $"symlink '{link}' would point to the repository's root (to '{target}')";
        }

        return resolved.Exists(s => s.Equals(".git", StringComparison.OrdinalIgnoreCase))
            ? $"symlink '{link}' would point into the .git folder (to '{target}')"
            : null;
    }

    /// <summary>Why <paramref name="path"/> is unsafe because it goes through one of the symlinks <paramref name="links"/> the diff creates, or null.</summary>
    public static string? ThroughNewSymlink(string path, IReadOnlyCollection<string> links)
    {
        var folders = Segments(path).SkipLast(1).ToList();
        for (var n = 1; n <= folders.Count; n++)
        {
            var folder = string.Join('/', folders.Take(n));
            if (links.Contains(folder))
            {
                return $"path '{path}' goes through the symlink '{folder}' that the patch creates";
            }
        }

        return null;
    }

    private static IEnumerable<string> Segments(string path) => path.Split(s_separators).Where(s => s.Length > 0 && s != ".");
}
