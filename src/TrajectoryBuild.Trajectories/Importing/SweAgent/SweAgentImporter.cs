using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.SweAgent;

/// <summary>
/// Reads SWE-agent <c>.traj</c> files (one JSON document per file, 0.x and 1.x): <c>history</c> gives the prompt and
/// the steps, <c>trajectory</c> adds each step's exact model input (<c>query</c>) and timing, <c>info</c> the exit
/// status, submission (the patch) and usage, <c>replay_config</c> (a JSON string or an object) the model. A retry run
/// (<c>{"attempts": [...]}</c>) gives one trajectory per attempt, abandoned ones included. Only <c>.traj</c> files are
/// claimed: <c>.traj.json</c> is mini-swe-agent's, and <c>all_preds.jsonl</c> holds predictions, not trajectories.
/// </summary>
public sealed partial class SweAgentImporter : RecordImporter
{
    private static readonly HashSet<string> s_runFields = ["trajectory", "history", "info", "replay_config", "environment"];
    private static readonly HashSet<string> s_retryFields = ["attempts", .. s_runFields];

    /// <inheritdoc />
    public override string Format => "swe-agent";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "SWE-agent .traj files (history, trajectory, info, replay_config; retry runs with attempts)";

    /// <inheritdoc />
    public override bool Accepts(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.EndsWith(".traj", StringComparison.OrdinalIgnoreCase);
    }

    internal override bool ReadsLines(string path) => false;

    internal override bool ReadsRowGroups(string path) => false;

    /// <inheritdoc />
    protected override IEnumerable<SourceRecord> Records(ImportSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RecordFiles.Document(source.Path);
    }

    /// <inheritdoc />
    protected override IEnumerable<Trajectory> Convert(JsonElement record, ImportSource source, string position)
    {
        JsonFields.Expect(record, JsonValueKind.Object, "$");
        var fileInstance = InstanceFromFileName(source.Path);
        if (!record.TryGetProperty("attempts", out var attempts))
        {
            JsonFields.RejectUnknown(record, "$", s_runFields);
            return [ReadRun(record, "$", source, fileInstance, attempt: null)];
        }

        // A retry run: the top level also repeats the chosen attempt's fields (read in its attempt, not twice).
        JsonFields.RejectUnknown(record, "$", s_retryFields);
        JsonFields.Expect(attempts, JsonValueKind.Array, "$.attempts");
        var count = attempts.GetArrayLength();
        if (count == 0)
        {
            throw new ImportException("$.attempts", "expected at least one attempt, found an empty list");
        }

        CheckOneVersion(attempts);
        var chosen = ChosenAttempt(record, attempts);
        var results = new List<Trajectory>(count);
        var index = 0;
        foreach (var attempt in attempts.EnumerateArray())
        {
            results.Add(ReadRun(attempt, $"$.attempts[{index}]", source, fileInstance, new AttemptInfo(index, count, index == chosen)));
            index++;
        }

        return results;
    }

    /// <summary>The chosen attempt: the reviewer's <c>info.best_attempt_idx</c>, else the first whose submission is the run's.</summary>
    private static int ChosenAttempt(JsonElement record, JsonElement attempts)
    {
        if (!record.TryGetProperty("info", out var info) || info.ValueKind == JsonValueKind.Null)
        {
            return -1;
        }

        JsonFields.Expect(info, JsonValueKind.Object, "$.info");
        if (JsonFields.OptionalLong(info, "best_attempt_idx", "$.info") is { } best)
        {
            return best >= 0 && best < attempts.GetArrayLength()
                ? (int)best
                : throw new ImportException("$.info.best_attempt_idx", $"expected an attempt index below {attempts.GetArrayLength()}, found {best}");
        }

        var submission = JsonFields.OptionalString(info, "submission", "$.info");
        var index = 0;
        foreach (var attempt in attempts.EnumerateArray())
        {
            if (submission is not null && attempt.ValueKind == JsonValueKind.Object && attempt.TryGetProperty("info", out var own)
                && own.ValueKind == JsonValueKind.Object && JsonFields.OptionalString(own, "submission", $"$.attempts[{index}].info") == submission)
            {
                return index;
            }

            index++;
        }

        return -1;
    }

    /// <summary>Attempts written by different SWE-agent versions cannot be one run: the file is quarantined.</summary>
    private static void CheckOneVersion(JsonElement attempts)
    {
        string? first = null;
        var index = 0;
        foreach (var attempt in attempts.EnumerateArray())
        {
            var path = $"$.attempts[{index++}]";
            JsonFields.Expect(attempt, JsonValueKind.Object, path);
            if (!attempt.TryGetProperty("info", out var info) || info.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var version = JsonFields.OptionalString(info, "swe_agent_version", $"{path}.info");
            if (version is not null && first is not null && version != first)
            {
                throw new ImportException($"{path}.info.swe_agent_version", $"mixed versions in one run: the first attempt is SWE-agent {first}, this one {version}");
            }

            first ??= version;
        }
    }

    private static string? InstanceFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".traj", StringComparison.OrdinalIgnoreCase) && name.Length > 5 ? name[..^5] : null;
    }
}
