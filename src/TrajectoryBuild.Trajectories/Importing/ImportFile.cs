namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>A file for <see cref="ImportRunner"/>: its path, and the path written into provenance ('/'-separated).</summary>
/// <param name="Path">The file's path.</param>
/// <param name="RelativePath">The path written into provenance.</param>
public sealed record ImportFile(string Path, string RelativePath)
{
    /// <summary>
    /// The length of the file at <paramref name="path"/>, through any symbolic links (the Hugging Face cache's snapshot
    /// folders hold links to its blobs); 0 when it does not exist.
    /// </summary>
    public static long LengthOf(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
        {
            info = target;
        }

        return info.Exists ? info.Length : 0;
    }
}
