namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>A file for <see cref="ImportRunner"/>: its path, and the path written into provenance ('/'-separated).</summary>
/// <param name="Path">The file's path.</param>
/// <param name="RelativePath">The path written into provenance.</param>
public sealed record ImportFile(string Path, string RelativePath);
