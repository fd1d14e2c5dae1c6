using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Trajectories.Model;

/// <summary>
/// Reads a normalized trajectory (what <see cref="TrajectoryWriter"/> wrote). Validation against the schema is the
/// caller's (see <see cref="TrajectorySchema.Validate"/>): this reader trusts the shape and fails loudly when it is off.
/// </summary>
public static class TrajectoryReader
{
    /// <summary>Reads one trajectory from UTF-8 JSON.</summary>
    public static Trajectory Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        return Read(document.RootElement);
    }

    /// <summary>
    /// Reads one trajectory from UTF-8 JSON that stays unchanged while it is read: parsed where it is, not copied first
    /// (as a span must be).
    /// </summary>
    public static Trajectory Read(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return Read(document.RootElement);
    }

    /// <summary>Reads one trajectory from a parsed element.</summary>
    public static Trajectory Read(JsonElement root)
    {
        var version = root.GetProperty("schema_version").GetInt32();
        if (version != TrajectorySchema.Version)
        {
            throw new JsonException($"schema_version {version} is not supported (this build reads {TrajectorySchema.Version})");
        }

        var provenance = root.GetProperty("provenance");
        return new Trajectory
        {
            Id = String(root, "id"),
            InstanceId = String(root, "instance_id"),
            Provenance = new Provenance
            {
                Scaffold = provenance.GetProperty("scaffold").GetString()!,
                ScaffoldVersion = String(provenance, "scaffold_version"),
                Model = String(provenance, "model"),
                ModelParams = Node(provenance, "model_params") as JsonObject,
                Seed = Long(provenance, "seed"),
                SourceFormat = provenance.GetProperty("source_format").GetString()!,
                SourceFile = provenance.GetProperty("source_file").GetString()!,
                SourceSha256 = provenance.GetProperty("source_sha256").GetString()!,
                SourcePosition = String(provenance, "source_position"),
                Importer = provenance.GetProperty("importer").GetString()!,
                ImporterVersion = provenance.GetProperty("importer_version").GetInt32(),
            },
            Attempt = root.TryGetProperty("attempt", out var attempt) && attempt.ValueKind == JsonValueKind.Object
                ? new AttemptInfo(attempt.GetProperty("index").GetInt32(), attempt.GetProperty("count").GetInt32(), attempt.GetProperty("chosen").GetBoolean())
                : null,
            Tools = Node(root, "tools") as JsonArray,
            Prompt = Messages(root.GetProperty("prompt")),
            Steps = [.. root.GetProperty("steps").EnumerateArray().Select(ReadStep)],
            Patch = String(root, "patch"),
            ExitStatus = String(root, "exit_status"),
            Error = String(root, "error"),
            Usage = ReadUsage(root),
            SourceLabels = Node(root, "source_labels") as JsonObject,
        };
    }

    private static AgentStep ReadStep(JsonElement step) => new()
    {
        Index = step.GetProperty("index").GetInt32(),
        Thought = String(step, "thought"),
        Content = String(step, "content"),
        ToolCalls = ToolCalls(step.GetProperty("tool_calls")),
        Observations = [.. step.GetProperty("observations").EnumerateArray().Select(o => new Observation(o.GetProperty("content").GetString()!)
        {
            CallId = String(o, "call_id"),
            ExitCode = Long(o, "exit_code") is { } code ? (int)code : null,
            IsError = o.GetProperty("is_error").GetBoolean(),
        })],
        Feedback = Messages(step.GetProperty("feedback")),
        ModelInput = step.TryGetProperty("model_input", out var input) && input.ValueKind == JsonValueKind.Array ? Messages(input) : null,
        Timestamp = String(step, "timestamp"),
        DurationSeconds = step.TryGetProperty("duration_seconds", out var duration) && duration.ValueKind == JsonValueKind.Number ? duration.GetDouble() : null,
        Usage = ReadUsage(step),
        Error = String(step, "error"),
    };

    private static List<ToolCall> ToolCalls(JsonElement calls) =>
    [
        .. calls.EnumerateArray().Select(c => new ToolCall(c.GetProperty("name").GetString()!, (JsonObject)DecodedNodes.Parse(c.GetProperty("arguments"))!)
        {
            Id = String(c, "id"),
            ArgumentsRaw = String(c, "arguments_raw"),
            ParseError = String(c, "parse_error"),
        }),
    ];

    private static List<Message> Messages(JsonElement messages) =>
    [
        .. messages.EnumerateArray().Select(m => new Message(m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!)
        {
            ToolCallId = String(m, "tool_call_id"),
            ToolCalls = m.TryGetProperty("tool_calls", out var calls) ? ToolCalls(calls) : [],
        }),
    ];

    private static Usage? ReadUsage(JsonElement parent) =>
        parent.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            ? new Usage(Long(usage, "prompt_tokens"), Long(usage, "completion_tokens"), Long(usage, "total_tokens"),
                usage.TryGetProperty("cost_usd", out var cost) && cost.ValueKind == JsonValueKind.Number ? cost.GetDouble() : null)
            : null;

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Long(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    private static JsonNode? Node(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? DecodedNodes.Parse(value) : null;
}
