using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Scheduling;

public sealed partial class BuildEngine
{
    private async Task RecordAsync(IReadOnlyDictionary<string, ActionEntry> entries, BuildReport report, HashSet<string> finalIds)
    {
        try
        {
            await UpdateLockAndRunSummaryAsync(entries, report, finalIds).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"could not record the build in {_options.LockPath} and {_options.StateDirectory}: {e.Message}. The targets it finished are "
                + "in the cache: make room (or fix the permissions) and run the same command again, which restores them and records them", e);
        }
    }

    private async Task UpdateLockAndRunSummaryAsync(IReadOnlyDictionary<string, ActionEntry> entries, BuildReport report, HashSet<string> finalIds)
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

        WriteRunSummary(report);
    }

    private void WriteRunSummary(BuildReport report)
    {
        var targets = new JsonArray();
        foreach (var r in report.Results)
        {
            targets.Add(new JsonObject
            {
                ["target"] = r.TargetId,
                ["outcome"] = r.Outcome.ToString(),
                ["status"] = r.Status?.ToString(),
                ["key"] = r.Key,
                ["seconds"] = Math.Round(r.Duration.TotalSeconds, 3),
                ["error"] = r.Error,
            });
        }

        var summary = new JsonObject
        {
            ["succeeded"] = report.Succeeded,
            ["interrupted"] = report.Interrupted,
            ["executed"] = report.ExecutedCount,
            ["targets"] = targets,
            ["pending"] = new JsonArray(report.Pending.Select(p => (JsonNode)JsonValue.Create($"{p.Stage}: {p.Description}")).ToArray()),
        };
        var path = Path.Combine(_options.StateDirectory, "runs", "last.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }

    private static string StageOf(string targetId)
    {
        var slash = targetId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? targetId : targetId[..slash];
    }
}
