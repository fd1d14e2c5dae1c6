using System.Text.Json;
using TrajectoryBuild.Trajectories.Importing.SweAgent;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.MiniSweAgent;

/// <summary>
/// Reads mini-swe-agent trajectories (<c>.traj.json</c>): the current object (<c>messages</c>, <c>info</c>,
/// <c>trajectory_format</c> <c>mini-swe-agent-1</c>) and the legacy bare message list. Each assistant message is a
/// step whose one <c>```bash</c> block is a <c>bash</c> call (the text before it the thought); the next user message
/// is its observation, with the exit code from <c>&lt;returncode&gt;</c>. A JSON Lines file holds one trajectory per line.
/// </summary>
public sealed class MiniSweAgentImporter : RecordImporter
{
    private static readonly HashSet<string> s_fields = ["messages", "info", "trajectory_format", "instance_id"];
    private static readonly HashSet<string> s_infoFields = ["exit_status", "submission", "model_stats", "config", "mini_version", "traceback", "exception_str"];

    /// <inheritdoc />
    public override string Format => "mini-swe-agent";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "mini-swe-agent .traj.json files (messages + info, mini-swe-agent-1; or the legacy message list)";

    /// <inheritdoc />
    public override bool Accepts(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.EndsWith(".traj.json", StringComparison.OrdinalIgnoreCase);
    }

    internal override bool ReadsLines(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    internal override bool ReadsRowGroups(string path) => false;

    /// <inheritdoc />
    protected override IEnumerable<SourceRecord> Records(ImportSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? RecordFiles.Lines(source.Path, cancellationToken)
            : RecordFiles.Document(source.Path);
    }

    /// <inheritdoc />
    protected override string? VersionOf(JsonElement record) => record.ValueKind switch
    {
        JsonValueKind.Array => "the legacy message list",
        JsonValueKind.Object => record.TryGetProperty("trajectory_format", out var format) && format.ValueKind == JsonValueKind.String
            ? $"trajectory_format {format.GetString()}"
            : "an object without trajectory_format",
        _ => null,
    };

    /// <inheritdoc />
    protected override IEnumerable<Trajectory> Convert(JsonElement record, ImportSource source, string position)
    {
        ArgumentNullException.ThrowIfNull(source);
        var messages = record;
        var messagesPath = "$";
        string? instance = null, exitStatus = null, submission = null, version = null, model = null, error = null;
        Usage? usage = null;
        if (record.ValueKind != JsonValueKind.Array)
        {
            JsonFields.RejectUnknown(record, "$", s_fields);
            var format = JsonFields.OptionalString(record, "trajectory_format", "$");
            if (format is not null && !format.StartsWith("mini-swe-agent-1", StringComparison.Ordinal))
            {
                throw new ImportException("$.trajectory_format", $"expected mini-swe-agent-1, found '{format}'");
            }

            instance = JsonFields.OptionalString(record, "instance_id", "$");
            messages = JsonFields.Required(record, "messages", "$");
            messagesPath = "$.messages";
            if (record.TryGetProperty("info", out var info) && info.ValueKind != JsonValueKind.Null)
            {
                JsonFields.RejectUnknown(info, "$.info", s_infoFields);
                exitStatus = JsonFields.OptionalString(info, "exit_status", "$.info");
                submission = JsonFields.OptionalString(info, "submission", "$.info");
                version = JsonFields.OptionalString(info, "mini_version", "$.info");
                error = JsonFields.OptionalString(info, "traceback", "$.info") ?? JsonFields.OptionalString(info, "exception_str", "$.info");
                usage = ModelStats.Read(info, "$.info");
                model = ModelName(info);
            }
        }

        JsonFields.Expect(messages, JsonValueKind.Array, messagesPath);
        var (prompt, steps) = MiniSweAgentSteps.Build(messages, messagesPath);
        yield return new Trajectory
        {
            InstanceId = instance ?? InstanceFromFileName(source.Path),
            Provenance = ProvenanceFor(source, position == "file" ? null : position, scaffoldVersion: version, model: model),
            Prompt = prompt,
            Steps = steps,
            Patch = string.IsNullOrEmpty(submission) ? null : submission,
            ExitStatus = exitStatus,
            Error = error,
            Usage = usage,
        };
    }

    /// <summary><c>info.config.model.model_name</c>, where the run recorded its config.</summary>
    private static string? ModelName(JsonElement info) =>
        info.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
        && config.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.Object
        && model.TryGetProperty("model_name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    private static string? InstanceFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".traj.json", StringComparison.OrdinalIgnoreCase) && name.Length > 10 ? name[..^10] : null;
    }
}
