using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Testing;

/// <summary>Reads what a build produced: one output file of one target, from the build's cache.</summary>
public static class BuiltOutputs
{
    public static string ReadText(BuildReport report, string cacheDirectory, string targetId, string file)
    {
        var (cache, entry) = Entry(report, cacheDirectory, targetId);
        return cache.OutputsOf(entry).ReadAllText(file);
    }

    /// <summary>The log a target wrote while it ran (kept in the cache beside its outputs).</summary>
    public static string ReadLog(BuildReport report, string cacheDirectory, string targetId)
    {
        var (cache, entry) = Entry(report, cacheDirectory, targetId);
        return cache.ReadBlobText(entry.LogDigest);
    }

    private static (LocalCache Cache, ActionEntry Entry) Entry(BuildReport report, string cacheDirectory, string targetId)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = report.Results.SingleOrDefault(r => r.TargetId == targetId)
            ?? throw new InvalidOperationException($"{targetId} is not in the build ({string.Join(", ", report.Results.Select(r => r.TargetId))})");
        var cache = new LocalCache(cacheDirectory);
        var entry = result.Key is { } key ? cache.TryGetAction(key) : null;
        return entry is null
            ? throw new InvalidOperationException($"{targetId} has no cached result ({result.Outcome}: {result.Error})")
            : (cache, entry);
    }

    /// <summary>
    /// The targets the last build in <paramref name="workspace"/> (a manifest's folder, default state folder) executed,
    /// from the engine's own record of the run (<c>.trajbuild/runs/last.json</c>).
    /// </summary>
    public static IEnumerable<string> LastRunBuilt(string workspace) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(workspace, ".trajbuild", "runs", "last.json")))!["targets"]!.AsArray()
            .Where(t => t!["outcome"]!.GetValue<string>() is "Built" or "BuiltUnchanged")
            .Select(t => t!["target"]!.GetValue<string>());

    /// <summary>
    /// Every output file of every target in the lock at <paramref name="lockPath"/>, read (and re-hashed) from the cache at
    /// <paramref name="cacheDirectory"/>, as "target/file" in ordinal order: two builds made the same outputs when these
    /// are equal, byte for byte.
    /// </summary>
    public static SortedDictionary<string, byte[]> All(string lockPath, string cacheDirectory)
    {
        var cache = new LocalCache(cacheDirectory);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (target, locked) in LockFile.Read(lockPath).Entries)
        {
            var entry = cache.TryGetAction(locked.Key) ?? throw new InvalidOperationException($"{target} is locked at {locked.Key[..12]}, which the cache does not hold");
            var outputs = cache.OutputsOf(entry);
            foreach (var name in outputs.Files.Keys)
            {
                using var stream = outputs.OpenRead(name);
                using var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                files[$"{target}/{name}"] = bytes.ToArray();
            }
        }

        return files;
    }
}
