namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>Every importer, by the format name the manifest uses (<c>import.format</c>).</summary>
public static class TrajectoryImporters
{
    private static readonly ITrajectoryImporter[] s_all =
    [
        new NormalizedImporter(),
        new SweAgent.SweAgentImporter(),
        new MiniSweAgent.MiniSweAgentImporter(),
        new Nebius.NebiusSweAgentImporter(),
        new Aider.AiderImporter(),
        new OpenHands.OpenHandsImporter(),
        new OpenHands.OpenHandsV1Importer(),
        new Chat.NebiusOpenHandsImporter(),
        new Chat.SweGymImporter(),
        new Chat.SweSmithImporter(),
        new Reference.ReferenceImporter(),
    ];

    /// <summary>All importers, ordered by format name.</summary>
    public static IReadOnlyList<ITrajectoryImporter> All { get; } = [.. s_all.OrderBy(i => i.Format, StringComparer.Ordinal)];

    /// <summary>The importer for <paramref name="format"/>.</summary>
    public static bool TryGet(string format, out ITrajectoryImporter importer)
    {
        importer = All.FirstOrDefault(i => i.Format == format)!;
        return importer is not null;
    }
}
