using System.Text;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Mining.Stages;

namespace TrajectoryBuild.Rollouts.Matrix;

/// <summary>
/// The digest of a folder's files (relative names and contents, recursively), for inputs that are folders; file contents
/// are hashed once per process (<see cref="FileDigests"/>), however many targets and plan rounds name the folder.
/// </summary>
internal static class FolderDigest
{
    public static string Of(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return File.Exists(folder) ? FileDigests.Of(folder) : Digest.OfText("missing:" + folder);
        }

        var listing = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            listing.Append(file).Append('\t').Append(FileDigests.Of(Path.Combine(folder, file))).Append('\n');
        }

        return Digest.OfText(listing.ToString());
    }
}
