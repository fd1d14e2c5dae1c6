using LibGit2Sharp;

namespace TrajectoryBuild.Packaging.Release;

/// <summary>
/// The git repository a release is recorded in (LibGit2Sharp): checks that its inputs are committed and the tag is
/// free, then commits the release files and creates the annotated tag on that commit.
/// </summary>
public sealed class ReleaseRepository : IDisposable
{
    private readonly Repository _repository;

    private ReleaseRepository(Repository repository) => _repository = repository;

    /// <summary>The repository's work tree, with a trailing separator.</summary>
    public string WorkingDirectory => _repository.Info.WorkingDirectory;

    /// <summary>Opens the repository that holds <paramref name="path"/>.</summary>
    /// <param name="path">A file or folder inside the work tree (the manifest's folder).</param>
    /// <returns>The repository.</returns>
    /// <exception cref="ReleaseException">There is none, it is bare, or it has no commit yet.</exception>
    public static ReleaseRepository Open(string path)
    {
        var found = Repository.Discover(Path.GetFullPath(path));
        if (found is null)
        {
            throw new ReleaseException($"{path} is not in a git repository: a release is a tag on the commit that holds the manifest, its inputs and datasets.lock. Run 'git init' and commit them first.");
        }

        var repository = new Repository(found);
        if (repository.Info.IsBare || repository.Info.IsHeadUnborn)
        {
            repository.Dispose();
            throw new ReleaseException($"{found}: {(repository.Info.IsBare ? "a bare repository has no work tree to release from" : "the repository has no commit yet; commit the manifest, its inputs and datasets.lock first")}.");
        }

        return new ReleaseRepository(repository);
    }

    /// <summary>Tracked files with changes not committed (staged or not), relative to the work tree; untracked and ignored files do not count.</summary>
    /// <returns>The paths, ordered.</returns>
    public IReadOnlyList<string> UncommittedChanges() =>
        [.. _repository.RetrieveStatus(new StatusOptions { IncludeUntracked = false, IncludeIgnored = false, RecurseUntrackedDirs = false })
            .Where(e => e.State is not (FileStatus.Unaltered or FileStatus.Ignored))
            .Select(e => e.FilePath)
            .Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="path"/> is in the commit HEAD names.</summary>
    /// <param name="path">A file in the work tree.</param>
    /// <returns>True when it is committed.</returns>
    public bool IsCommitted(string path)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, Path.GetFullPath(path)).Replace(Path.DirectorySeparatorChar, '/');
        return _repository.Head.Tip[relative] is not null;
    }

    /// <summary>The commit a tag points at, or null when there is no such tag.</summary>
    /// <param name="tag">The tag name.</param>
    /// <returns>The commit id, or null.</returns>
    public string? TagTarget(string tag) =>
        _repository.Tags[tag] is { } existing ? (existing.PeeledTarget as Commit)?.Sha ?? existing.Target.Sha : null;

    /// <summary>True when <paramref name="tag"/> is a valid git tag name.</summary>
    /// <param name="tag">The name.</param>
    /// <returns>True when git accepts it.</returns>
    public static bool IsValidTagName(string tag) => !string.IsNullOrEmpty(tag) && Reference.IsValidName("refs/tags/" + tag);

    /// <summary>The author and tagger for the release: git's <c>user.name</c> and <c>user.email</c>.</summary>
    /// <returns>The signature.</returns>
    /// <exception cref="ReleaseException">They are not configured.</exception>
    public Signature Signature() =>
        _repository.Config.BuildSignature(DateTimeOffset.Now)
        ?? throw new ReleaseException("git does not know who you are, and the release commit and tag need an author: git config user.name \"Your Name\" && git config user.email you@example.com");

    /// <summary>Commits <paramref name="paths"/> (and nothing else) and tags that commit.</summary>
    /// <param name="paths">Files to commit, relative to the work tree.</param>
    /// <param name="message">The commit message.</param>
    /// <param name="tag">The tag name.</param>
    /// <param name="tagMessage">The annotated tag's message.</param>
    /// <param name="signature">Author, committer and tagger.</param>
    /// <returns>The new commit's id.</returns>
    public string CommitAndTag(IReadOnlyList<string> paths, string message, string tag, string tagMessage, Signature signature)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Commands.Stage(_repository, paths);
        var commit = _repository.Commit(message, signature, signature, new CommitOptions());
        _repository.ApplyTag(tag, commit.Sha, signature, tagMessage);
        return commit.Sha;
    }

    /// <summary>Creates an annotated tag on an existing commit.</summary>
    /// <param name="tag">The tag name.</param>
    /// <param name="commit">The commit id.</param>
    /// <param name="message">The tag's message.</param>
    /// <param name="signature">The tagger.</param>
    public void Tag(string tag, string commit, string message, Signature signature) => _repository.ApplyTag(tag, commit, signature, message);

    /// <inheritdoc/>
    public void Dispose() => _repository.Dispose();
}
