using System.Collections.Concurrent;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Mining.Stages;

/// <summary>
/// File digests for plan-time key inputs, remembered per process by (path, size, last write time): a build plans
/// in several rounds, and a dataset file can be gigabytes, so it is hashed once, not once per round, nor once per
/// stage when the stages of a round plan at the same time (the first to ask hashes it, the others wait for it).
/// </summary>
internal static class FileDigests
{
    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), Lazy<string>> s_known = new();

    public static string Of(string path)
    {
        var info = new FileInfo(path);
        var key = (info.FullName, info.Length, info.LastWriteTimeUtc);
        var digest = s_known.GetOrAdd(key, _ => new Lazy<string>(() => Digest.OfFile(path)));
        try
        {
            return digest.Value;
        }
        catch
        {
            // A file that could not be read is read again when asked again, as before it was remembered.
            s_known.TryRemove(new KeyValuePair<(string, long, DateTime), Lazy<string>>(key, digest));
            throw;
        }
    }
}
