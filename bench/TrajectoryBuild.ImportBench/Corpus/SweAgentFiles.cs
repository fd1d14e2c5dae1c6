using System.Globalization;
using System.Text.Json;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// SWE-agent 1.x <c>.traj</c> files with function calling, one per run, indented and ASCII-escaped as SWE-agent writes
/// them: <c>trajectory</c> (each step with its exact model input <c>query</c>, where observations older than the last
/// five are elided as SWE-agent's history processor does), <c>history</c>, <c>info</c>, and <c>replay_config</c> as a
/// JSON string.
/// </summary>
internal sealed class SweAgentFiles : ICorpusGenerator
{
    private const int KeptObservations = 5;

    public string Extension => ".traj";

    public JsonWriterOptions Options { get; } = new() { Indented = true, SkipValidation = true };

    public void Write(Utf8JsonWriter writer, Episode episode, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(rng);
        writer.WriteStartObject();
        writer.WriteStartArray("trajectory");
        for (var i = 0; i < episode.Steps.Count; i++)
        {
            var step = episode.Steps[i];
            writer.WriteStartObject();
            writer.WriteString("action", step.Command);
            writer.WriteString("observation", step.Observation);
            writer.WriteString("response", step.Thought);
            writer.WriteString("thought", step.Thought);
            writer.WriteNumber("execution_time", step.Seconds);
            writer.WriteStartObject("state");
            writer.WriteString("open_file", "n/a");
            writer.WriteString("working_dir", "/testbed");
            writer.WriteEndObject();
            writer.WriteStartArray("query");
            WriteMessages(writer, episode, i, elideBefore: i - KeptObservations);
            writer.WriteEndArray();
            writer.WriteStartObject("extra_info");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("history");
        WriteMessages(writer, episode, episode.Steps.Count, elideBefore: 0);
        writer.WriteEndArray();
        WriteInfo(writer, episode, rng);
        writer.WriteString("replay_config", ReplayConfig(episode));
        writer.WriteString("environment", "main");
        writer.WriteEndObject();
    }

    /// <summary>System prompt, task, then the first <paramref name="steps"/> steps as action and observation messages.</summary>
    private static void WriteMessages(Utf8JsonWriter writer, Episode episode, int steps, int elideBefore)
    {
        Message(writer, "system", episode.SystemPrompt, "system_prompt");
        Message(writer, "user", episode.Task, "observation");
        for (var i = 0; i < steps; i++)
        {
            var step = episode.Steps[i];
            writer.WriteStartObject();
            writer.WriteString("role", "assistant");
            writer.WriteString("content", step.Thought);
            writer.WriteString("thought", step.Thought);
            writer.WriteString("action", step.Command);
            writer.WriteString("agent", "main");
            writer.WriteStartArray("tool_calls");
            writer.WriteStartObject();
            writer.WriteStartObject("function");
            writer.WriteString("arguments", step.ArgumentsJson);
            writer.WriteString("name", step.Tool);
            writer.WriteEndObject();
            writer.WriteString("id", step.CallId);
            writer.WriteString("type", "function");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("message_type", "action");
            writer.WriteEndObject();

            var observation = i < elideBefore
                ? string.Create(CultureInfo.InvariantCulture, $"Old environment output: ({step.Observation.Count(c => c == '\n') + 1} lines omitted)")
                : step.Observation;
            writer.WriteStartObject();
            writer.WriteString("role", "tool");
            writer.WriteString("content", observation);
            writer.WriteString("agent", "main");
            writer.WriteString("message_type", "observation");
            writer.WriteStartArray("tool_call_ids");
            writer.WriteStringValue(step.CallId);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    private static void Message(Utf8JsonWriter writer, string role, string content, string type)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteString("agent", "main");
        writer.WriteString("message_type", type);
        writer.WriteEndObject();
    }

    private static void WriteInfo(Utf8JsonWriter writer, Episode episode, Rng rng)
    {
        writer.WriteStartObject("info");
        writer.WriteString("swe_agent_hash", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        writer.WriteString("swe_agent_version", "1.0.1");
        writer.WriteString("swe_rex_version", "1.2.0");
        writer.WriteString("swe_rex_hash", "unavailable");
        writer.WriteString("submission", episode.Patch);
        writer.WriteString("exit_status", episode.ExitStatus);
        writer.WriteString("edited_files30", episode.Patch);
        writer.WriteString("edited_files50", episode.Patch);
        writer.WriteString("edited_files70", episode.Patch);
        writer.WriteStartObject("model_stats");
        writer.WriteNumber("instance_cost", Math.Round(rng.Unit() * 3, 6));
        writer.WriteNumber("tokens_sent", rng.Int(10_000, 3_000_000));
        writer.WriteNumber("tokens_received", rng.Int(500, 40_000));
        writer.WriteNumber("api_calls", episode.Steps.Count);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string ReplayConfig(Episode episode)
    {
        using var stream = new MemoryStream();
        using (var config = new Utf8JsonWriter(stream))
        {
            config.WriteStartObject();
            config.WriteStartObject("env");
            config.WriteStartObject("deployment");
            config.WriteString("image", $"swebench/sweb.eval.x86_64.{episode.InstanceId}:latest");
            config.WriteEndObject();
            config.WriteEndObject();
            config.WriteStartObject("agent");
            config.WriteString("name", "main");
            config.WriteStartObject("model");
            config.WriteString("name", episode.Model);
            config.WriteNumber("temperature", 0.0);
            config.WriteNumber("top_p", 1.0);
            config.WriteNumber("per_instance_cost_limit", 3.0);
            config.WriteEndObject();
            config.WriteEndObject();
            config.WriteStartObject("problem_statement");
            config.WriteString("text", episode.Task);
            config.WriteString("id", episode.InstanceId);
            config.WriteEndObject();
            config.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
