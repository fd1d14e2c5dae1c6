using TrajectoryBuild.Cache;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Tests.Scheduling;

/// <summary>Edits a workspace's lock as another build (or a merge) would.</summary>
internal static class LockEntries
{
    /// <summary>Adds an entry for <paramref name="newTarget"/> with the key and outputs <paramref name="existing"/> has: a target no stage declares.</summary>
    public static Task CopyAsync(BuildOptions options, string existing, string newTarget)
    {
        var entry = LockFile.Read(options.LockPath).Get(existing) ?? throw new ArgumentException($"the lock has no {existing}", nameof(existing));
        return LockFile.UpdateAsync(
            options.LockPath,
            Path.Combine(options.StateDirectory, "locks", "lockfile.guard"),
            l => l.Set(newTarget, entry.Key, entry.Outputs.ToDictionary(o => o.Key, o => new OutputFile(o.Value, 1))),
            TestContext.Current.CancellationToken);
    }
}
