using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// mini-swe-agent <c>.traj.json</c> files (<c>mini-swe-agent-1</c>), one per run, indented with raw UTF-8: messages
/// (assistant: a THOUGHT and one <c>```bash</c> block; user: <c>&lt;returncode&gt;</c> and <c>&lt;output&gt;</c>),
/// and info with the model config and stats.
/// </summary>
internal sealed class MiniSweAgentFiles : ICorpusGenerator
{
    public string Extension => ".traj.json";

    public JsonWriterOptions Options { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public void Write(Utf8JsonWriter writer, Episode episode, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(rng);
        writer.WriteStartObject();
        writer.WriteStartObject("info");
        writer.WriteString("exit_status", episode.ExitStatus == "submitted" ? "Submitted" : "LimitsExceeded");
        writer.WriteString("submission", episode.Patch);
        writer.WriteStartObject("model_stats");
        writer.WriteNumber("instance_cost", Math.Round(rng.Unit() * 2, 6));
        writer.WriteNumber("api_calls", episode.Steps.Count);
        writer.WriteEndObject();
        writer.WriteString("mini_version", "1.9.0");
        writer.WriteStartObject("config");
        writer.WriteStartObject("model");
        writer.WriteString("model_name", episode.Model);
        writer.WriteStartObject("model_kwargs");
        writer.WriteNumber("temperature", 0.0);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("agent");
        writer.WriteNumber("step_limit", 250);
        writer.WriteNumber("cost_limit", 3.0);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("messages");
        Message(writer, "system", episode.SystemPrompt);
        Message(writer, "user", episode.Task);
        for (var i = 0; i < episode.Steps.Count; i++)
        {
            var step = episode.Steps[i];
            var last = i == episode.Steps.Count - 1;
            var command = last ? "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git add -A && git diff --cached" : step.Command;
            writer.WriteStartObject();
            writer.WriteString("role", "assistant");
            writer.WriteString("content", $"THOUGHT: {step.Thought}\n\n```bash\n{command}\n```");
            writer.WriteStartObject("extra");
            writer.WriteStartObject("response");
            writer.WriteString("id", step.CallId);
            writer.WriteNumber("created", 1_730_000_000 + (i * 17));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            if (!last)
            {
                Message(writer, "user", string.Create(CultureInfo.InvariantCulture, $"<returncode>{step.ExitCode}</returncode>\n<output>\n{step.Observation}\n</output>"));
            }
        }

        writer.WriteEndArray();
        writer.WriteString("trajectory_format", "mini-swe-agent-1");
        writer.WriteString("instance_id", episode.InstanceId);
        writer.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }
}
