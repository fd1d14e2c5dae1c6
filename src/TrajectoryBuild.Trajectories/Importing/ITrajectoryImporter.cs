namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// Reads one native trajectory format into normalized trajectories. Importers stream: memory stays flat in the number
/// of records. They never throw for bad data: a malformed, truncated or unknown record becomes a
/// <see cref="Quarantined"/> result with a precise reason, and the records around it are still read.
/// </summary>
public interface ITrajectoryImporter
{
    /// <summary>The format name used in the manifest (<c>import.format</c>) and in provenance.</summary>
    string Format { get; }

    /// <summary>The importer's version: part of the Capture key. Bump it when the same input would normalize differently.</summary>
    int Version { get; }

    /// <summary>One line for <c>--help</c> and docs: what it reads.</summary>
    string Description { get; }

    /// <summary>Whether this importer reads files with this name (by extension); a folder import skips the others.</summary>
    bool Accepts(string fileName);

    /// <summary>Reads every record of <paramref name="source"/>, in file order.</summary>
    IEnumerable<ImportResult> Import(ImportSource source, CancellationToken cancellationToken);
}
