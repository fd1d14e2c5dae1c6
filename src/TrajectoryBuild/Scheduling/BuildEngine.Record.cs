using System.Text.Json;
using TrajectoryBuild.Cache;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Scheduling;

public sealed partial class BuildEngine
{
    private async Task RecordAsync(IReadOnlyDictionary<string, ActionEntry> entries, BuildReport report, HashSet<string> finalIds, bool updateLock = true)
    {
        try
        {
            if (updateLock)
            {
                await UpdateLockAsync(entries, report, finalIds).ConfigureAwait(false);
            }

            WriteRunSummary(report);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"could not record the build in {_options.LockPath} and {_options.StateDirectory}: {e.Message}. The targets it finished are "
                + "in the cache: make room (or fix the permissions) and run the same command again, which restores them and records them", e);
        }
    }

    private async Task UpdateLockAsync(IReadOnlyDictionary<string, ActionEntry> entries, BuildReport report, HashSet<string> finalIds)
    {
        // Not cancellable: an interrupted build must still record what it finished, so the rerun resumes.
        var stages = _pipeline.UpTo(_options.LastStage).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        await LockFile.UpdateAsync(
            _options.LockPath,
            Path.Combine(_options.StateDirectory, "locks", "lockfile.guard"),
            lockFile =>
            {
                foreach (var (id, entry) in entries)
                {
                    lockFile.Set(id, entry.Key, entry.Outputs);
                }

                if (report.Succeeded && _options.Datasets is null)
                {
                    // Drop targets that the manifest no longer declares, within the stages this build covered.
                    var gone = lockFile.Entries.Keys.Where(id => stages.Contains(StageOf(id)) && !finalIds.Contains(id)).ToList();
                    gone.ForEach(id => lockFile.Remove(id));
                }
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    // Streamed: a build of 400,000 targets writes a 100 MB summary, which a JSON tree would hold several times over.
    private void WriteRunSummary(BuildReport report)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("succeeded", report.Succeeded);
            writer.WriteBoolean("interrupted", report.Interrupted);
            writer.WriteNumber("executed", report.ExecutedCount);
            writer.WriteStartArray("targets");
            foreach (var r in report.Results)
            {
                writer.WriteStartObject();
                writer.WriteString("target", r.TargetId);
                writer.WriteString("outcome", r.Outcome.ToString());
                WriteStringOrNull(writer, "status", r.Status?.ToString());
                WriteStringOrNull(writer, "key", r.Key);
                writer.WriteNumber("seconds", Math.Round(r.Duration.TotalSeconds, 3));
                WriteStringOrNull(writer, "error", r.Error);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("pending");
            foreach (var p in report.Pending)
            {
                writer.WriteStringValue($"{p.Stage}: {p.Description}");
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        var path = Path.Combine(_options.StateDirectory, "runs", "last.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string StageOf(string targetId)
    {
        var slash = targetId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? targetId : targetId[..slash];
    }
}
