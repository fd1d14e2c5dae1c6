using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Trajectories.Model;

/// <summary>
/// Writes normalized trajectories as JSON (schema/trajectory.schema.json) without reflection: fields in a fixed order,
/// every field always present (null when unknown), so the same trajectory always gives the same bytes.
/// </summary>
public static class TrajectoryWriter
{
    // Property names encoded once: the writer then copies their bytes instead of transcoding and checking each time.
    private static readonly JsonEncodedText s_schemaVersion = JsonEncodedText.Encode("schema_version");
    private static readonly JsonEncodedText s_id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText s_instanceId = JsonEncodedText.Encode("instance_id");
    private static readonly JsonEncodedText s_attempt = JsonEncodedText.Encode("attempt");
    private static readonly JsonEncodedText s_index = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText s_count = JsonEncodedText.Encode("count");
    private static readonly JsonEncodedText s_chosen = JsonEncodedText.Encode("chosen");
    private static readonly JsonEncodedText s_tools = JsonEncodedText.Encode("tools");
    private static readonly JsonEncodedText s_prompt = JsonEncodedText.Encode("prompt");
    private static readonly JsonEncodedText s_steps = JsonEncodedText.Encode("steps");
    private static readonly JsonEncodedText s_patch = JsonEncodedText.Encode("patch");
    private static readonly JsonEncodedText s_exitStatus = JsonEncodedText.Encode("exit_status");
    private static readonly JsonEncodedText s_error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText s_sourceLabels = JsonEncodedText.Encode("source_labels");
    private static readonly JsonEncodedText s_provenance = JsonEncodedText.Encode("provenance");
    private static readonly JsonEncodedText s_scaffold = JsonEncodedText.Encode("scaffold");
    private static readonly JsonEncodedText s_scaffoldVersion = JsonEncodedText.Encode("scaffold_version");
    private static readonly JsonEncodedText s_model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText s_modelParams = JsonEncodedText.Encode("model_params");
    private static readonly JsonEncodedText s_seed = JsonEncodedText.Encode("seed");
    private static readonly JsonEncodedText s_sourceFormat = JsonEncodedText.Encode("source_format");
    private static readonly JsonEncodedText s_sourceFile = JsonEncodedText.Encode("source_file");
    private static readonly JsonEncodedText s_sourceSha256 = JsonEncodedText.Encode("source_sha256");
    private static readonly JsonEncodedText s_sourcePosition = JsonEncodedText.Encode("source_position");
    private static readonly JsonEncodedText s_importer = JsonEncodedText.Encode("importer");
    private static readonly JsonEncodedText s_importerVersion = JsonEncodedText.Encode("importer_version");
    private static readonly JsonEncodedText s_thought = JsonEncodedText.Encode("thought");
    private static readonly JsonEncodedText s_content = JsonEncodedText.Encode("content");
    private static readonly JsonEncodedText s_observations = JsonEncodedText.Encode("observations");
    private static readonly JsonEncodedText s_callId = JsonEncodedText.Encode("call_id");
    private static readonly JsonEncodedText s_exitCode = JsonEncodedText.Encode("exit_code");
    private static readonly JsonEncodedText s_isError = JsonEncodedText.Encode("is_error");
    private static readonly JsonEncodedText s_feedback = JsonEncodedText.Encode("feedback");
    private static readonly JsonEncodedText s_modelInput = JsonEncodedText.Encode("model_input");
    private static readonly JsonEncodedText s_timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText s_durationSeconds = JsonEncodedText.Encode("duration_seconds");
    private static readonly JsonEncodedText s_toolCalls = JsonEncodedText.Encode("tool_calls");
    private static readonly JsonEncodedText s_name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText s_arguments = JsonEncodedText.Encode("arguments");
    private static readonly JsonEncodedText s_argumentsRaw = JsonEncodedText.Encode("arguments_raw");
    private static readonly JsonEncodedText s_parseError = JsonEncodedText.Encode("parse_error");
    private static readonly JsonEncodedText s_role = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText s_toolCallId = JsonEncodedText.Encode("tool_call_id");
    private static readonly JsonEncodedText s_usage = JsonEncodedText.Encode("usage");
    private static readonly JsonEncodedText s_promptTokens = JsonEncodedText.Encode("prompt_tokens");
    private static readonly JsonEncodedText s_completionTokens = JsonEncodedText.Encode("completion_tokens");
    private static readonly JsonEncodedText s_totalTokens = JsonEncodedText.Encode("total_tokens");
    private static readonly JsonEncodedText s_costUsd = JsonEncodedText.Encode("cost_usd");

    /// <summary>Options for every writer: no indentation, no escaping beyond what JSON requires.</summary>
    public static JsonWriterOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, SkipValidation = true };

    /// <summary>The trajectory as one line of UTF-8 JSON (no newline).</summary>
    public static byte[] ToUtf8(Trajectory trajectory)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, trajectory);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="trajectory"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(trajectory);
        writer.WriteStartObject();
        writer.WriteNumber(s_schemaVersion, TrajectorySchema.Version);
        writer.WriteString(s_id, trajectory.Id);
        writer.WriteString(s_instanceId, trajectory.InstanceId);
        WriteProvenance(writer, trajectory.Provenance);
        writer.WritePropertyName(s_attempt);
        if (trajectory.Attempt is { } attempt)
        {
            writer.WriteStartObject();
            writer.WriteNumber(s_index, attempt.Index);
            writer.WriteNumber(s_count, attempt.Count);
            writer.WriteBoolean(s_chosen, attempt.Chosen);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        WriteNode(writer, s_tools, trajectory.Tools);
        WriteMessages(writer, s_prompt, trajectory.Prompt);
        writer.WriteStartArray(s_steps);
        var repeated = new RepeatedMessages();
        foreach (var step in trajectory.Steps)
        {
            WriteStep(writer, step, repeated);
        }

        writer.WriteEndArray();
        writer.WriteString(s_patch, trajectory.Patch);
        writer.WriteString(s_exitStatus, trajectory.ExitStatus);
        writer.WriteString(s_error, trajectory.Error);
        WriteUsage(writer, trajectory.Usage);
        WriteNode(writer, s_sourceLabels, trajectory.SourceLabels);
        writer.WriteEndObject();
    }

    private static void WriteProvenance(Utf8JsonWriter writer, Provenance provenance)
    {
        writer.WriteStartObject(s_provenance);
        writer.WriteString(s_scaffold, provenance.Scaffold);
        writer.WriteString(s_scaffoldVersion, provenance.ScaffoldVersion);
        writer.WriteString(s_model, provenance.Model);
        WriteNode(writer, s_modelParams, provenance.ModelParams);
        WriteNullable(writer, s_seed, provenance.Seed);
        writer.WriteString(s_sourceFormat, provenance.SourceFormat);
        writer.WriteString(s_sourceFile, provenance.SourceFile);
        writer.WriteString(s_sourceSha256, provenance.SourceSha256);
        writer.WriteString(s_sourcePosition, provenance.SourcePosition);
        writer.WriteString(s_importer, provenance.Importer);
        writer.WriteNumber(s_importerVersion, provenance.ImporterVersion);
        writer.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter writer, AgentStep step, RepeatedMessages repeated)
    {
        writer.WriteStartObject();
        writer.WriteNumber(s_index, step.Index);
        writer.WriteString(s_thought, step.Thought);
        WriteText(writer, s_content, step.ContentText);
        WriteToolCalls(writer, step.ToolCalls);
        writer.WriteStartArray(s_observations);
        foreach (var observation in step.Observations)
        {
            writer.WriteStartObject();
            writer.WriteString(s_callId, observation.CallId);
            WriteText(writer, s_content, observation.ContentText);
            WriteNullable(writer, s_exitCode, observation.ExitCode);
            writer.WriteBoolean(s_isError, observation.IsError);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteMessages(writer, s_feedback, step.Feedback);
        if (step.ModelInput is { } input)
        {
            writer.WriteStartArray(s_modelInput);
            foreach (var message in input)
            {
                repeated.Write(writer, message);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull(s_modelInput);
        }

        writer.WriteString(s_timestamp, step.Timestamp);
        WriteNullable(writer, s_durationSeconds, step.DurationSeconds);
        WriteUsage(writer, step.Usage);
        writer.WriteString(s_error, step.Error);
        writer.WriteEndObject();
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, IReadOnlyList<ToolCall> calls)
    {
        writer.WriteStartArray(s_toolCalls);
        foreach (var call in calls)
        {
            writer.WriteStartObject();
            writer.WriteString(s_id, call.Id);
            writer.WriteString(s_name, call.Name);
            writer.WritePropertyName(s_arguments);
            call.Arguments.WriteTo(writer);
            writer.WriteString(s_argumentsRaw, call.ArgumentsRaw);
            writer.WriteString(s_parseError, call.ParseError);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteMessages(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<Message> messages)
    {
        writer.WriteStartArray(name);
        foreach (var message in messages)
        {
            WriteMessage(writer, message);
        }

        writer.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, Message message)
    {
        writer.WriteStartObject();
        writer.WriteString(s_role, message.Role);
        WriteText(writer, s_content, message.ContentText);
        writer.WriteString(s_toolCallId, message.ToolCallId);
        WriteToolCalls(writer, message.ToolCalls);
        writer.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter writer, Usage? usage)
    {
        if (usage is null)
        {
            writer.WriteNull(s_usage);
            return;
        }

        writer.WriteStartObject(s_usage);
        WriteNullable(writer, s_promptTokens, usage.PromptTokens);
        WriteNullable(writer, s_completionTokens, usage.CompletionTokens);
        WriteNullable(writer, s_totalTokens, usage.TotalTokens);
        WriteNullable(writer, s_costUsd, usage.CostUsd);
        writer.WriteEndObject();
    }

    // A text read from a source as the writer's own token is copied; any other is encoded.
    private static void WriteText(Utf8JsonWriter writer, JsonEncodedText name, JsonText? text)
    {
        if (text?.Token is { } token)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(token, skipInputValidation: true);
        }
        else
        {
            writer.WriteString(name, text?.Value);
        }
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonEncodedText name, JsonNode? node)
    {
        writer.WritePropertyName(name);
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>
    /// The model inputs of one trajectory repeat the conversation so far, often as the very same <see cref="Message"/>
    /// objects (the SWE-agent importer shares them): a message seen a second time is encoded once, then copied.
    /// </summary>
    private sealed class RepeatedMessages
    {
        private Dictionary<Message, byte[]?>? _seen;
        private ArrayBufferWriter<byte>? _scratch;
        private Utf8JsonWriter? _scratchWriter;

        public void Write(Utf8JsonWriter writer, Message message)
        {
            _seen ??= new Dictionary<Message, byte[]?>(ReferenceEqualityComparer.Instance);
            if (!_seen.TryGetValue(message, out var encoded))
            {
                // First time: written as is (most messages of most sources are never repeated).
                _seen[message] = null;
                WriteMessage(writer, message);
                return;
            }

            if (encoded is null)
            {
                _scratch ??= new ArrayBufferWriter<byte>(4096);
                _scratch.ResetWrittenCount();
                _scratchWriter ??= new Utf8JsonWriter(_scratch, Options);
                _scratchWriter.Reset(_scratch);
                WriteMessage(_scratchWriter, message);
                _scratchWriter.Flush();
                encoded = _scratch.WrittenSpan.ToArray();
                _seen[message] = encoded;
            }

            writer.WriteRawValue(encoded, skipInputValidation: true);
        }
    }
}
