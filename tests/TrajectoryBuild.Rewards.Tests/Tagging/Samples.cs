using TrajectoryBuild.Keys;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

/// <summary>The real trajectories under Data/tagging/ (provenance in its README), imported with the Capture stage's importers.</summary>
internal static class Samples
{
    public static Trajectory Import(string file, string format)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "tagging", file);
        TrajectoryImporters.TryGet(format, out var importer).ShouldBeTrue(format);
        var results = importer.Import(new ImportSource(path, $"Data/tagging/{file}", Digest.OfFile(path)), CancellationToken.None).ToList();
        return results.OfType<Imported>().First().Trajectory with { Id = Path.GetFileNameWithoutExtension(file) };
    }
}
