using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// Reads trajectories already in the normalized schema (one per line, or a JSON array), checked against the schema:
/// a record of another schema version, or with fields the schema does not know, is quarantined with the schema's reasons.
/// </summary>
public sealed class NormalizedImporter : RecordImporter
{
    /// <inheritdoc />
    public override string Format => "normalized";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "TrajectoryBuild's own normalized trajectories (schema/trajectory.schema.json), JSON Lines or a JSON array";

    /// <inheritdoc />
    internal override bool ReadsArrayElements(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override string? VersionOf(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty("schema_version", out var version) ? $"schema_version {version.GetRawText()}" : null;

    /// <inheritdoc />
    protected override IEnumerable<Trajectory> Convert(JsonElement record, ImportSource source, string position)
    {
        var errors = TrajectorySchema.Validate(record.GetRawText());
        if (errors.Count > 0)
        {
            throw new ImportException("$", $"does not match schema/trajectory.schema.json (version {TrajectorySchema.Version}): {string.Join("; ", errors.Take(5))}{(errors.Count > 5 ? $"; and {errors.Count - 5} more" : "")}");
        }

        yield return TrajectoryReader.Read(record);
    }
}
