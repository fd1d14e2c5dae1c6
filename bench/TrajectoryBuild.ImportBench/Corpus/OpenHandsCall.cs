using System.Globalization;
using System.Text.Json;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// One tool call of an OpenHands CodeActAgent run (function calling), made from an episode step: the function the model
/// called and its arguments string, the V0 action it became (<c>run</c>, <c>read</c>, <c>edit</c>, <c>finish</c>), the
/// file it touched, and the tool's answer (<see cref="Output"/>: the observation's content).
/// </summary>
internal sealed record OpenHandsCall(EpisodeStep Step, string Function, string Action, string ArgumentsJson, string Path, string Output, bool Failed)
{
    /// <summary>The edit's old and new text (<c>edit</c> only).</summary>
    public (string Old, string New) Edit { get; init; } = ("", "");

    /// <summary>The model made this call and the next in one response (parallel tool calls).</summary>
    public bool SharesNextResponse { get; init; }

    /// <summary>Before this call the model answered with a plain message, and the user told it to go on.</summary>
    public bool MessageBefore { get; init; }

    /// <summary>What the model reads as the tool's answer: a command's output ends with OpenHands' exit-code footer.</summary>
    public string ToolText => Action == "run" ? Output + Footer(Step.ExitCode) : Output;

    /// <summary>OpenHands' exit-code footer of a command's output.</summary>
    public static string Footer(int exitCode) =>
        string.Create(CultureInfo.InvariantCulture, $"\n[The command completed with exit code {exitCode}.]");

    /// <summary>
    /// Writes a command's <c>metadata</c> object as OpenHands' runtime reports it (V0 <c>extras</c>, V1 observations):
    /// the exit code, the shell's user, host and interpreter, and the output's prefix and suffix.
    /// </summary>
    public static void WriteMetadata(Utf8JsonWriter writer, EpisodeStep step, string username, string hostname, string suffix)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(step);
        writer.WriteStartObject("metadata");
        writer.WriteNumber("exit_code", step.ExitCode);
        writer.WriteNumber("pid", -1);
        writer.WriteString("username", username);
        writer.WriteString("hostname", hostname);
        writer.WriteString("working_dir", "/testbed");
        writer.WriteString("py_interpreter_path", "/opt/miniconda3/envs/testbed/bin/python");
        writer.WriteString("prefix", "");
        writer.WriteString("suffix", suffix);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The calls of <paramref name="episode"/>: bash commands through <c>execute_bash</c> (a quarter of them a
    /// <c>str_replace_editor view</c> of a file the patch touches instead), editor calls through
    /// <c>str_replace_editor</c> (one in ten fails: the old text is not in the file), and the last through
    /// <c>finish</c>. One call in twelve shares a response with the next; one step in 25 follows a plain message.
    /// </summary>
    public static List<OpenHandsCall> Plan(Episode episode, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(rng);
        var files = Files(episode.Patch);
        var count = episode.Steps.Count;
        var calls = new List<OpenHandsCall>(count);
        var grouped = false;
        for (var i = 0; i < count; i++)
        {
            var step = episode.Steps[i];
            if (i == count - 1)
            {
                var arguments = EpisodeMaker.Json(w =>
                {
                    w.WriteString("message", step.Thought);
                    w.WriteString("task_completed", "true");
                });
                calls.Add(new OpenHandsCall(step, "finish", "finish", arguments, "", "", false) { MessageBefore = !grouped && rng.Chance(0.04) });
                break;
            }

            var call = Call(step, files, rng) with { MessageBefore = i > 0 && !grouped && rng.Chance(0.04) };
            grouped = !grouped && i + 2 < count && rng.Chance(1.0 / 12);
            calls.Add(call with { SharesNextResponse = grouped });
        }

        return calls;
    }

    private static OpenHandsCall Call(EpisodeStep step, List<string> files, Rng rng)
    {
        if (step.Tool == "str_replace_editor")
        {
            using var document = JsonDocument.Parse(step.ArgumentsJson);
            var arguments = document.RootElement;
            var path = arguments.GetProperty("path").GetString()!;
            var edit = (arguments.GetProperty("old_str").GetString()!, arguments.GetProperty("new_str").GetString()!);
            var failed = rng.Chance(0.1);
            var output = failed
                ? $"ERROR:\nNo replacement was performed, old_str `{edit.Item1}` did not appear verbatim in {path}."
                : $"The file {path} has been edited. Here's the result of running `cat -n` on a snippet of {path}:\n{step.Observation}\nReview the changes and make sure they are as expected. Edit the file again if necessary.";
            return new OpenHandsCall(step, "str_replace_editor", "edit", step.ArgumentsJson, path, output, failed) { Edit = edit };
        }

        if (rng.Chance(0.25))
        {
            var path = rng.Pick(files);
            var arguments = EpisodeMaker.Json(w =>
            {
                w.WriteString("command", "view");
                w.WriteString("path", path);
            });
            return new OpenHandsCall(step, "str_replace_editor", "read", arguments, path, $"Here's the result of running `cat -n` on {path}:\n{step.Observation}", false);
        }

        return new OpenHandsCall(step, "execute_bash", "run", step.ArgumentsJson, "", step.Observation, step.ExitCode != 0);
    }

    // The files the run's patch touches, as the agent sees them in the sandbox.
    private static List<string> Files(string patch)
    {
        const string Header = "diff --git a/";
        var files = new List<string>();
        foreach (var line in patch.Split('\n'))
        {
            if (line.StartsWith(Header, StringComparison.Ordinal))
            {
                var end = line.IndexOf(" b/", StringComparison.Ordinal);
                files.Add("/testbed/" + line[Header.Length..(end < 0 ? line.Length : end)]);
            }
        }

        return files.Count == 0 ? ["/testbed/setup.py"] : files;
    }
}
