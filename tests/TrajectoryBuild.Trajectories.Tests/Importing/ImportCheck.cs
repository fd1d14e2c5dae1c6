using System.Text;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

/// Imports a file twice (the bytes must agree) and checks every trajectory against the schema.
internal static class ImportCheck
{
    public static List<ImportResult> Run(ITrajectoryImporter importer, ImportSource source)
    {
        var first = importer.Import(source, CancellationToken.None).ToList();
        var second = importer.Import(source, CancellationToken.None).ToList();
        Text(second).ShouldBe(Text(first));
        foreach (var imported in first.OfType<Imported>())
        {
            TrajectorySchema.Validate(Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(imported.Trajectory))).ShouldBeEmpty();
        }

        return first;
    }

    /// The trajectories of a file that must import without quarantine.
    public static List<Trajectory> Trajectories(ITrajectoryImporter importer, ImportSource source) =>
        [.. Run(importer, source).Select(r => r is Imported imported ? imported.Trajectory : throw new ShouldAssertException($"quarantined: {r}"))];

    /// The trajectory as JSON with its provenance blanked, to compare the same rows read from two file formats.
    public static string WithoutProvenance(Trajectory trajectory) =>
        Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(trajectory with { Provenance = trajectory.Provenance with { SourceFile = "-", SourceSha256 = "-", SourcePosition = null } }));

    private static List<string> Text(List<ImportResult> results) =>
        [.. results.Select(r => r is Imported imported ? Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(imported.Trajectory)) : r.ToString()!)];
}
