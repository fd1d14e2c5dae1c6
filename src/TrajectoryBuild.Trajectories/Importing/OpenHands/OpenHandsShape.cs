using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing.OpenHands;

/// Which OpenHands event model a record uses: V1 events are tagged by <c>kind</c>, V0 events are not.
internal static class OpenHandsShape
{
    public const string V0 = "OpenHands V0 events (action/observation)";

    public const string V1 = "OpenHands V1 events (tagged by 'kind')";

    /// The event model of an event array, or of an evaluation row's <c>history</c>; null when there is no event to tell.
    public static string? VersionOf(JsonElement record)
    {
        var events = record;
        if (record.ValueKind == JsonValueKind.Object && !record.TryGetProperty("history", out events))
        {
            return null;
        }

        if (events.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var item in events.EnumerateArray())
        {
            return item.ValueKind == JsonValueKind.Object ? item.TryGetProperty("kind", out _) ? V1 : V0 : null;
        }

        return null;
    }

    /// Records of an OpenHands file: a <c>.json</c> file is one document, anything else is rows.
    public static IEnumerable<SourceRecord> Records(ImportSource source, CancellationToken cancellationToken) =>
        source.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? RecordFiles.Document(source.Path)
            : RecordFiles.Rows(source.Path, cancellationToken);
}
