using TrajectoryBuild.Keys;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Trajectories.Tests;

/// <summary>The sample files under Data/ (provenance in Data/README.md).</summary>
internal static class TestData
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);

    /// <summary>An import source for a sample file, as the Capture stage would make it.</summary>
    public static ImportSource Source(string file) => new(PathOf(file), $"Data/{file}", Digest.OfFile(PathOf(file)));

    /// <summary>An import source for a file written by the test.</summary>
    public static ImportSource SourceAt(string path) => new(path, Path.GetFileName(path), Digest.OfFile(path));
}
