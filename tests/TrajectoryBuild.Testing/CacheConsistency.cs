using TrajectoryBuild.Cache;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Testing;

/// <summary>What a crash, a full disk or a concurrent build may not leave in a cache: a readable entry in a partial state.</summary>
public static class CacheConsistency
{
    /// <summary>
    /// Checks that every blob of the cache at <paramref name="cacheRoot"/> hashes to its name and every action entry is
    /// complete (whole JSON, its blobs there with their sizes); temp files (<c>.tmp-*</c>) are never read, so they are
    /// left out. Returns the targets of the entries.
    /// </summary>
    /// <exception cref="InvalidDataException">A blob or entry is partial or corrupt (names the file).</exception>
    public static List<string> CompleteTargets(string cacheRoot)
    {
        var cache = new LocalCache(cacheRoot);
        foreach (var blob in Files(Path.Combine(cacheRoot, "cas")))
        {
            if (Digest.OfFile(blob) != Path.GetFileName(blob))
            {
                throw new InvalidDataException($"blob {blob} does not hash to its name");
            }
        }

        var targets = new List<string>();
        foreach (var entry in Files(Path.Combine(cacheRoot, "ac")))
        {
            targets.Add(cache.TryGetAction(Path.GetFileName(entry))?.TargetId
                ?? throw new InvalidDataException($"action entry {entry} is partial or points at missing blobs"));
        }

        return targets;
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith(".tmp-", StringComparison.Ordinal))
            : [];
}
