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
    /// <summary>Options for every writer: no indentation, no escaping beyond what JSON requires.</summary>
    public static JsonWriterOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, SkipValidation = true };

    /// <summary>The trajectory as one line of UTF-8 JSON (no newline).</summary>
    public static byte[] ToUtf8(Trajectory trajectory)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
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
        writer.WriteNumber("schema_version", TrajectorySchema.Version);
        writer.WriteString("id", trajectory.Id);
        writer.WriteString("instance_id", trajectory.InstanceId);
        WriteProvenance(writer, trajectory.Provenance);
        writer.WritePropertyName("attempt");
        if (trajectory.Attempt is { } attempt)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", attempt.Index);
            writer.WriteNumber("count", attempt.Count);
            writer.WriteBoolean("chosen", attempt.Chosen);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        WriteNode(writer, "tools", trajectory.Tools);
        WriteMessages(writer, "prompt", trajectory.Prompt);
        writer.WriteStartArray("steps");
        foreach (var step in trajectory.Steps)
        {
            WriteStep(writer, step);
        }

        writer.WriteEndArray();
        writer.WriteString("patch", trajectory.Patch);
        writer.WriteString("exit_status", trajectory.ExitStatus);
        writer.WriteString("error", trajectory.Error);
        WriteUsage(writer, trajectory.Usage);
        WriteNode(writer, "source_labels", trajectory.SourceLabels);
        writer.WriteEndObject();
    }

    private static void WriteProvenance(Utf8JsonWriter writer, Provenance provenance)
    {
        writer.WriteStartObject("provenance");
        writer.WriteString("scaffold", provenance.Scaffold);
        writer.WriteString("scaffold_version", provenance.ScaffoldVersion);
        writer.WriteString("model", provenance.Model);
        WriteNode(writer, "model_params", provenance.ModelParams);
        WriteNullable(writer, "seed", provenance.Seed);
        writer.WriteString("source_format", provenance.SourceFormat);
        writer.WriteString("source_file", provenance.SourceFile);
        writer.WriteString("source_sha256", provenance.SourceSha256);
        writer.WriteString("source_position", provenance.SourcePosition);
        writer.WriteString("importer", provenance.Importer);
        writer.WriteNumber("importer_version", provenance.ImporterVersion);
        writer.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter writer, AgentStep step)
    {
        writer.WriteStartObject();
        writer.WriteNumber("index", step.Index);
        writer.WriteString("thought", step.Thought);
        writer.WriteString("content", step.Content);
        WriteToolCalls(writer, step.ToolCalls);
        writer.WriteStartArray("observations");
        foreach (var observation in step.Observations)
        {
            writer.WriteStartObject();
            writer.WriteString("call_id", observation.CallId);
            writer.WriteString("content", observation.Content);
            WriteNullable(writer, "exit_code", observation.ExitCode);
            writer.WriteBoolean("is_error", observation.IsError);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteMessages(writer, "feedback", step.Feedback);
        if (step.ModelInput is { } input)
        {
            WriteMessages(writer, "model_input", input);
        }
        else
        {
            writer.WriteNull("model_input");
        }

        writer.WriteString("timestamp", step.Timestamp);
        WriteNullable(writer, "duration_seconds", step.DurationSeconds);
        WriteUsage(writer, step.Usage);
        writer.WriteString("error", step.Error);
        writer.WriteEndObject();
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, IReadOnlyList<ToolCall> calls)
    {
        writer.WriteStartArray("tool_calls");
        foreach (var call in calls)
        {
            writer.WriteStartObject();
            writer.WriteString("id", call.Id);
            writer.WriteString("name", call.Name);
            writer.WritePropertyName("arguments");
            call.Arguments.WriteTo(writer);
            writer.WriteString("arguments_raw", call.ArgumentsRaw);
            writer.WriteString("parse_error", call.ParseError);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteMessages(Utf8JsonWriter writer, string name, IReadOnlyList<Message> messages)
    {
        writer.WriteStartArray(name);
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role", message.Role);
            writer.WriteString("content", message.Content);
            writer.WriteString("tool_call_id", message.ToolCallId);
            WriteToolCalls(writer, message.ToolCalls);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteUsage(Utf8JsonWriter writer, Usage? usage)
    {
        if (usage is null)
        {
            writer.WriteNull("usage");
            return;
        }

        writer.WriteStartObject("usage");
        WriteNullable(writer, "prompt_tokens", usage.PromptTokens);
        WriteNullable(writer, "completion_tokens", usage.CompletionTokens);
        WriteNullable(writer, "total_tokens", usage.TotalTokens);
        WriteNullable(writer, "cost_usd", usage.CostUsd);
        writer.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter writer, string name, JsonNode? node)
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

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
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

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
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
}
