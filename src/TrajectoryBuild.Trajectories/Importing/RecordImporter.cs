using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// The loop every importer shares: read records, convert each, and turn any failure of one record into a
/// <see cref="Quarantined"/> result with file, position and reason, so the records around it are still read. A file
/// whose records disagree on their format version (<see cref="VersionOf"/>) has the odd ones quarantined.
/// </summary>
public abstract class RecordImporter : ITrajectoryImporter
{
    /// <inheritdoc />
    public abstract string Format { get; }

    /// <inheritdoc />
    public abstract int Version { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <summary>The scaffold name written in provenance when the source and the manifest do not say.</summary>
    protected virtual string DefaultScaffold => Format;

    /// <inheritdoc />
    public virtual bool Accepts(string fileName) =>
        fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ImportResult> Import(ImportSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        string? firstVersion = null;
        string? firstPosition = null;
        foreach (var record in Records(source, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!record.IsValid)
            {
                yield return new Quarantined(source.RelativePath, record.Position, record.Error!);
                continue;
            }

            List<ImportResult> results;
            try
            {
                var version = VersionOf(record.Value);
                if (version is not null && firstVersion is not null && version != firstVersion)
                {
                    throw new ImportException("$", $"mixed versions in one file: {firstPosition} is {firstVersion}, this record is {version}; split the file by version");
                }

                if (firstVersion is null && version is not null)
                {
                    (firstVersion, firstPosition) = (version, record.Position);
                }

                results = [.. Convert(record.Value, source, record.Position).Select(t => (ImportResult)new Imported(t))];
            }
            catch (ImportException exception)
            {
                results = [new Quarantined(source.RelativePath, Join(record.Position, exception.PathInRecord), exception.Reason)];
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or JsonException or KeyNotFoundException or OverflowException)
            {
                results = [new Quarantined(source.RelativePath, record.Position, $"unexpected shape: {exception.Message}")];
            }

            foreach (var result in results)
            {
                yield return result;
            }
        }
    }

    /// <summary>The records of a file: by default rows (JSON Lines, JSON array, Parquet).</summary>
    protected virtual IEnumerable<SourceRecord> Records(ImportSource source, CancellationToken cancellationToken) =>
        RecordFiles.Rows(source.Path, cancellationToken);

    /// <summary>A record's format version (or variant) where the format has one; records of one file must agree.</summary>
    protected virtual string? VersionOf(JsonElement record) => null;

    /// <summary>Converts one record into one or more trajectories (several for a run with attempts); throws <see cref="ImportException"/> on bad data.</summary>
    protected abstract IEnumerable<Trajectory> Convert(JsonElement record, ImportSource source, string position);

    /// <summary>Provenance for a trajectory of <paramref name="source"/> at <paramref name="position"/>; the file's own values win over the manifest's.</summary>
    protected Provenance ProvenanceFor(ImportSource source, string? position, string? scaffold = null, string? scaffoldVersion = null, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Provenance
        {
            Scaffold = scaffold ?? source.Scaffold ?? DefaultScaffold,
            ScaffoldVersion = scaffoldVersion ?? source.ScaffoldVersion,
            Model = model ?? source.Model,
            SourceFormat = Format,
            SourceFile = source.RelativePath,
            SourceSha256 = source.Sha256,
            SourcePosition = position,
            Importer = Format,
            ImporterVersion = Version,
        };
    }

    private static string Join(string position, string path) => path == "$" ? position : $"{position}, {path}";
}
