using System.Text;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

/// <summary>What every importer test checks: all results, each trajectory valid against the schema, and determinism.</summary>
internal static class Imports
{
    public static List<ImportResult> Run(ITrajectoryImporter importer, ImportSource source) => [.. importer.Import(source, CancellationToken.None)];

    /// <summary>Imports twice; asserts byte-identical output and that every trajectory validates; returns the trajectories.</summary>
    public static List<Trajectory> Valid(ITrajectoryImporter importer, ImportSource source)
    {
        var first = Run(importer, source);
        var second = Run(importer, source);
        first.OfType<Quarantined>().ShouldBeEmpty();
        var trajectories = first.OfType<Imported>().Select(i => i.Trajectory).ToList();
        var again = second.OfType<Imported>().Select(i => i.Trajectory).ToList();
        again.Count.ShouldBe(trajectories.Count);
        for (var i = 0; i < trajectories.Count; i++)
        {
            var bytes = TrajectoryWriter.ToUtf8(trajectories[i]);
            TrajectoryWriter.ToUtf8(again[i]).ShouldBe(bytes);
            TrajectorySchema.Validate(Encoding.UTF8.GetString(bytes)).ShouldBeEmpty();
        }

        return trajectories;
    }

    /// <summary>The results of a file written by the test.</summary>
    public static List<ImportResult> OfText(ITrajectoryImporter importer, string directory, string fileName, string text)
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, text);
        return Run(importer, TestData.SourceAt(path));
    }

    /// <summary>Asserts the file gives exactly one quarantined result, at <paramref name="position"/>, with <paramref name="reason"/> in its reason.</summary>
    public static void QuarantinedOnce(List<ImportResult> results, string position, string reason)
    {
        var quarantined = results.ShouldHaveSingleItem().ShouldBeOfType<Quarantined>();
        (quarantined.Position, quarantined.Reason.Contains(reason, StringComparison.Ordinal)).ShouldBe((position, true), quarantined.Reason);
    }
}
