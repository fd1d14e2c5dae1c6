using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Importing.PythonLiteral;
using TrajectoryBuild.Trajectories.Importing.SweAgent;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Nebius;

/// <summary>
/// Reads rows of the nebius/SWE-agent-trajectories dataset (JSON Lines, JSON, Parquet): <c>trajectory</c> is a list of
/// turns (<c>role</c> system/user/ai, <c>text</c>, <c>mask</c>, <c>system_prompt</c>, <c>cutoff_date</c>), as a list or
/// as its Python <c>repr</c> string. Each ai turn is a step whose last fenced block is a <c>bash</c> call (SWE-agent's
/// thought/action split); <c>generated_patch</c> is the patch; <c>target</c> and <c>eval_logs</c> are source labels only.
/// </summary>
public sealed class NebiusSweAgentImporter : RecordImporter
{
    private static readonly HashSet<string> s_fields = ["instance_id", "model_name", "target", "trajectory", "exit_status", "generated_patch", "eval_logs"];
    private static readonly HashSet<string> s_turnFields = ["role", "text", "mask", "system_prompt", "cutoff_date"];

    /// <inheritdoc />
    public override string Format => "nebius-swe-agent";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "nebius/SWE-agent-trajectories rows (instance_id, model_name, target, trajectory, exit_status, generated_patch, eval_logs)";

    /// <inheritdoc />
    internal override bool ReadsArrayElements(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override string DefaultScaffold => "swe-agent";

    /// <inheritdoc />
    protected override string? VersionOf(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty("trajectory", out var trajectory)
            ? trajectory.ValueKind switch
            {
                JsonValueKind.Array => "trajectory as a list",
                JsonValueKind.String => "trajectory as a Python literal string",
                _ => null,
            }
            : null;

    /// <inheritdoc />
    protected override IEnumerable<Trajectory> Convert(JsonElement record, ImportSource source, string position)
    {
        JsonFields.RejectUnknown(record, "$", s_fields);
        var instance = JsonFields.RequiredString(record, "instance_id", "$");
        var model = JsonFields.OptionalString(record, "model_name", "$");
        var target = JsonFields.OptionalBool(record, "target", "$");
        var exitStatus = JsonFields.OptionalString(record, "exit_status", "$");
        var patch = JsonFields.OptionalString(record, "generated_patch", "$");
        var evalLogs = JsonFields.OptionalString(record, "eval_logs", "$");
        var labels = new JsonObject();
        if (target is not null)
        {
            labels["target"] = target;
        }

        if (evalLogs is not null)
        {
            labels["eval_logs"] = evalLogs;
        }

        var trajectory = JsonFields.Required(record, "trajectory", "$");
        var turns = trajectory.ValueKind == JsonValueKind.String ? FromLiteral(trajectory.GetString()!, labels) : Read(trajectory, labels);
        yield return new Trajectory
        {
            InstanceId = instance,
            Provenance = ProvenanceFor(source, position, model: model),
            Prompt = turns.Prompt,
            Steps = turns.Steps,
            Patch = string.IsNullOrEmpty(patch) ? null : patch,
            ExitStatus = exitStatus,
            SourceLabels = labels.Count == 0 ? null : labels,
        };
    }

    private static StepAssembler FromLiteral(string text, JsonObject labels)
    {
        if (LiteralTurns.TryRead(text, s_turnFields) is { } read)
        {
            var assembled = new StepAssembler();
            for (var i = 0; i < read.Count; i++)
            {
                Apply(assembled, labels, read[i], $"$.trajectory[{i}]");
            }

            return assembled;
        }

        byte[] json;
        try
        {
            json = PythonLiteralParser.ToJson(text);
        }
        catch (FormatException exception)
        {
            throw new ImportException("$.trajectory", $"expected a list as a Python literal: {exception.Message}");
        }

        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement, labels);
    }

    private static StepAssembler Read(JsonElement trajectory, JsonObject labels)
    {
        JsonFields.Expect(trajectory, JsonValueKind.Array, "$.trajectory");
        var turns = new StepAssembler();
        var index = 0;
        foreach (var turn in trajectory.EnumerateArray())
        {
            var path = $"$.trajectory[{index++}]";
            JsonFields.RejectUnknown(turn, path, s_turnFields);
            var role = JsonFields.RequiredString(turn, "role", path);
            JsonFields.OptionalBool(turn, "mask", path);
            var cutoff = JsonFields.OptionalString(turn, "cutoff_date", path);
            var text = JsonFields.OptionalText(turn, "text", path);
            var systemPrompt = JsonFields.OptionalText(turn, "system_prompt", path);
            Apply(turns, labels, new NebiusTurn(role, text, systemPrompt, cutoff), path);
        }

        return turns;
    }

    private static void Apply(StepAssembler turns, JsonObject labels, NebiusTurn turn, string path)
    {
        if (turn.CutoffDate is { } cutoff)
        {
            labels["cutoff_date"] = cutoff;
        }

        switch (turn.Role)
        {
            case "ai":
                turns.Turn(Step(turn.Text ?? throw new ImportException($"{path}.text", "expected the ai turn's text, found null")));
                break;
            case "system" or "user":
                var content = (turn.Role == "system" ? turn.SystemPrompt ?? turn.Text : turn.Text)
                    ?? throw new ImportException($"{path}.text", $"expected the {turn.Role} turn's text, found null");
                turns.Reply(turn.Role, content, o => new Observation(o));
                break;
            default:
                throw new ImportException($"{path}.role", $"expected system, user or ai, found '{turn.Role}'");
        }
    }

    private static AgentStep Step(JsonText text) => TextActions.SplitThoughtAction(text.Value) is { } split
        ? new AgentStep { Thought = split.Thought.Trim(), ContentText = text, ToolCalls = [TextActions.Bash(split.Action)] }
        : new AgentStep { ContentText = text, Error = "no command block in the response (SWE-agent format error)" };
}
