namespace TrajectoryBuild.Mining.Patches;

/// <summary>A parsed unified diff: its files, in order.</summary>
public sealed record ParsedDiff(IReadOnlyList<FileDiff> Files)
{
    /// <summary>The paths the diff touches (old and new), distinct, in order.</summary>
    public IReadOnlyList<string> Paths => Files.SelectMany(f => new[] { f.OldPath, f.NewPath }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Splits the diff by file into the part <paramref name="isTest"/> accepts and the rest, as SWE-bench splits a
    /// pull request into test patch and gold patch. Each part is the concatenation of its files' sections.
    /// </summary>
    public (string Code, string Tests) SplitTests(Func<string, bool> isTest)
    {
        ArgumentNullException.ThrowIfNull(isTest);
        var code = string.Concat(Files.Where(f => !isTest(f.Path)).Select(f => f.Text));
        var tests = string.Concat(Files.Where(f => isTest(f.Path)).Select(f => f.Text));
        return (code, tests);
    }

    /// <summary>
    /// Paths that would write outside the repository: absolute paths, <c>..</c> components, or anything under
    /// <c>.git/</c>; symlinks the diff creates that point outside it or into <c>.git</c> (as <c>link -&gt; target</c>),
    /// and paths that go through a symlink the diff creates. A patch with any of these must be refused before it reaches
    /// <c>git apply</c>.
    /// </summary>
    public IReadOnlyList<string> UnsafePaths()
    {
        var links = Files.Where(f => f.SymlinkTarget is not null).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. Paths.Where(p => RepositoryPaths.IsAbsolute(p) || p.Split('/', '\\').Any(part => part is ".." || part.Equals(".git", StringComparison.OrdinalIgnoreCase))),
            .. Files.Where(f => f.SymlinkTarget is { } target && RepositoryPaths.SymlinkProblem(f.Path, target) is not null).Select(f => $"{f.Path} -> {f.SymlinkTarget}"),
            .. Paths.Where(p => RepositoryPaths.ThroughNewSymlink(p, links) is not null),
        ];
    }
}
