using System.Collections.Frozen;
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
        var versions = new VersionCheck();
        foreach (var record in Records(source, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!record.IsValid)
            {
                yield return new Quarantined(source.RelativePath, record.Position, record.Error!);
                continue;
            }

            foreach (var result in ConvertRecord(record.Value, source, record.Position, versions).Results)
            {
                yield return result;
            }
        }
    }

    /// <summary>
    /// Whether this importer reads <paramref name="path"/> as JSON Lines, one record per line, with
    /// <see cref="RecordFiles.Lines"/>: then <see cref="ImportRunner"/> may convert its lines in parallel.
    /// </summary>
    internal virtual bool ReadsLines(string path) =>
        !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether this importer reads <paramref name="path"/> as the elements of a JSON array, one record each, with the
    /// default <see cref="Records"/> (<see cref="RecordFiles.ArrayElements"/>): then <see cref="ImportRunner"/> may cut
    /// the array into batches of elements. Off unless an importer says so: a <c>.json</c> file of OpenHands events is
    /// one record.
    /// </summary>
    internal virtual bool ReadsArrayElements(string path) => false;

    /// <summary>
    /// Whether this importer reads <paramref name="path"/> as Parquet rows with <see cref="RecordFiles.Rows"/>: then
    /// <see cref="ImportRunner"/> may convert its row groups in parallel.
    /// </summary>
    internal virtual bool ReadsRowGroups(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The fields this importer reads as JSON held in a JSON string (<see cref="EmbeddedJson"/>) and nowhere else: a
    /// Parquet row read by columns may keep their texts out of its JSON (<see cref="EmbeddedTexts"/>).
    /// </summary>
    internal virtual IReadOnlySet<string> EmbeddedColumns => FrozenSet<string>.Empty;

    /// <summary>
    /// Converts one parsed record. With <paramref name="versions"/> its version is checked against the file's first
    /// before converting; without, the caller checks <see cref="RecordOutcome.Version"/> in file order afterwards.
    /// </summary>
    internal RecordOutcome ConvertRecord(JsonElement value, ImportSource source, string position, VersionCheck? versions)
    {
        string? version;
        try
        {
            version = VersionOf(value);
        }
        catch (Exception exception) when (IsBadData(exception))
        {
            return new RecordOutcome(false, null, [QuarantineFor(exception, source, position)]);
        }

        if (versions?.Mismatch(version, source, position) is { } mismatch)
        {
            return new RecordOutcome(false, version, [mismatch]);
        }

        try
        {
            return new RecordOutcome(true, version, [.. Convert(value, source, position).Select(t => (ImportResult)new Imported(t))]);
        }
        catch (Exception exception) when (IsBadData(exception))
        {
            return new RecordOutcome(true, version, [QuarantineFor(exception, source, position)]);
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

    private static bool IsBadData(Exception exception) =>
        exception is ImportException or InvalidOperationException or FormatException or JsonException or KeyNotFoundException or OverflowException;

    private static Quarantined QuarantineFor(Exception exception, ImportSource source, string position) => exception is ImportException bad
        ? new Quarantined(source.RelativePath, bad.PathInRecord == "$" ? position : $"{position}, {bad.PathInRecord}", bad.Reason)
        : new Quarantined(source.RelativePath, position, $"unexpected shape: {exception.Message}");
}
