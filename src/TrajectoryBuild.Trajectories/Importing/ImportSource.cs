namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>One file to import, with what the manifest says about who produced it.</summary>
/// <param name="Path">The file's absolute path.</param>
/// <param name="RelativePath">The path written into provenance (relative to the manifest, '/'-separated).</param>
/// <param name="Sha256">SHA-256 of the file's bytes.</param>
public sealed record ImportSource(string Path, string RelativePath, string Sha256)
{
    /// <summary>The scaffold name for provenance when the file does not say (the manifest's scaffold name).</summary>
    public string? Scaffold { get; init; }

    /// <summary>The scaffold version for provenance when the file does not say.</summary>
    public string? ScaffoldVersion { get; init; }

    /// <summary>The model name for provenance when the file does not say.</summary>
    public string? Model { get; init; }
}
