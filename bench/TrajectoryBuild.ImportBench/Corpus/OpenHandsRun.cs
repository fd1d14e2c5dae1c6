using System.Globalization;
using System.Text.Json;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// What every OpenHands CodeActAgent run on SWE-bench shares, whichever way it is recorded (V0 events, OpenAI chat
/// messages): the function definitions the model is given, the task as the evaluation wraps it, and the user's reply
/// when the agent answers with a message instead of a call.
/// </summary>
internal static class OpenHandsRun
{
    public const string Version = "0.39.2";

    /// <summary>What the evaluation's fake user says when the agent stops to talk (paraphrased).</summary>
    public const string ContinuePrompt =
        "Please continue working on the task with whatever approach you think fits.\nIf you believe the task is solved, send your answer as a message first and then finish the interaction.\nIMPORTANT: YOU SHOULD NEVER ASK FOR HUMAN HELP.\n";

    private static readonly (string Name, string Description, (string Name, string Type, string Description)[] Parameters, string[] Required)[] s_tools =
    [
        ("execute_bash",
            "Execute a bash command in the terminal within a persistent shell session.\n\n### Command Execution\n* One command at a time: chain several with `&&` or `;` instead of sending them in parallel.\n* The shell keeps its state: environment variables, the virtual environment and the working directory persist between commands.\n* Commands time out after a while; run long jobs in the background and redirect their output to a file.\n\n### Output Handling\n* Long output is truncated before it is returned to you; filter it with grep, head or tail.",
            [("command", "string", "The bash command to execute. Can be empty to see more output of the previous command, or C-c to interrupt it."),
             ("is_input", "string", "If true, the command is sent as input to the running process. Default: false."),
             ("timeout", "number", "Optional. A hard timeout in seconds for the command.")],
            ["command"]),
        ("think",
            "Use the tool to think about something. It will not obtain new information or change the repository, but just log the thought. Use it when complex reasoning or brainstorming is needed, for example to weigh several possible fixes of a bug.",
            [("thought", "string", "The thought to log.")],
            ["thought"]),
        ("finish",
            "Signals the completion of the current task or conversation.\n\nUse this tool when you have completed the task, or when you cannot go on (after trying everything reasonable). Include a summary of what was done and of any next steps.",
            [("message", "string", "Final message to send to the user."),
             ("task_completed", "string", "Whether you have completed the task: true, false or partial.")],
            ["message", "task_completed"]),
        ("str_replace_editor",
            "Custom editing tool for viewing, creating and editing files in plain-text format\n* State is persistent across command calls and discussions with the user\n* If `path` is a file, `view` displays the result of applying `cat -n`. If `path` is a directory, `view` lists non-hidden files and directories up to 2 levels deep\n* The `create` command cannot be used if the specified `path` already exists as a file\n* If a `command` generates a long output, it will be truncated and marked with `<response clipped>`\n* The `undo_edit` command will revert the last edit made to the file at `path`\n\nNotes for using the `str_replace` command:\n* The `old_str` parameter should match EXACTLY one or more consecutive lines from the original file, whitespace included\n* If `old_str` is not unique in the file, no replacement is made: include enough context to make it unique\n* The `new_str` parameter should contain the edited lines that should replace the `old_str`",
            [("command", "string", "The commands to run. Allowed options are: `view`, `create`, `str_replace`, `insert`, `undo_edit`."),
             ("path", "string", "Absolute path to file or directory, e.g. `/testbed/file.py` or `/testbed`."),
             ("file_text", "string", "Required parameter of `create` command, with the content of the file to be created."),
             ("old_str", "string", "Required parameter of `str_replace` command containing the string in `path` to replace."),
             ("new_str", "string", "Optional parameter of `str_replace` command containing the new string (if not given, no string will be added). Required parameter of `insert` command containing the string to insert."),
             ("insert_line", "integer", "Required parameter of `insert` command. The `new_str` will be inserted AFTER the line `insert_line` of `path`."),
             ("view_range", "array", "Optional parameter of `view` command when `path` points to a file. If none is given, the full file is shown.")],
            ["command", "path"]),
    ];

    /// <summary>The task as the SWE-bench evaluation gives it to the agent.</summary>
    public static string Instruction(Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return "<uploaded_files>\n/testbed\n</uploaded_files>\n\nI've uploaded a python code repository in the directory /testbed. Consider the following issue description:\n\n<issue_description>\n"
            + episode.Task
            + "\n</issue_description>\n\nCan you help me implement the necessary changes to the repository so that the requirements specified in the <issue_description> are met?\nI've already taken care of all changes to any of the test files described in the <issue_description>. This means you DON'T have to modify the testing logic or any of the tests in any way!\nYour task is to make the minimal changes to non-test files in the /testbed directory to ensure the <issue_description> is satisfied.";
    }

    /// <summary>The repository of the episode's instance: <c>django__django-10003</c> is <c>django/django</c>.</summary>
    public static string Repo(Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var id = episode.InstanceId;
        return id[..id.LastIndexOf('-')].Replace("__", "/", StringComparison.Ordinal);
    }

    /// <summary>Writes the function definitions (OpenAI <c>tools</c>) as an array value, named by <paramref name="rename"/> when given.</summary>
    public static void WriteTools(Utf8JsonWriter writer, Func<string, string>? rename = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var (name, description, parameters, required) in s_tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", rename is null ? name : rename(name));
            writer.WriteString("description", description);
            writer.WriteStartObject("parameters");
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            foreach (var parameter in parameters)
            {
                writer.WriteStartObject(parameter.Name);
                writer.WriteString("type", parameter.Type);
                writer.WriteString("description", parameter.Description);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("required");
            foreach (var item in required)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the SWE-bench harness's report of the run (as a property <c>report</c>).</summary>
    public static void WriteReport(Utf8JsonWriter writer, Episode episode)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(episode);
        writer.WriteStartObject("report");
        writer.WriteBoolean("empty_generation", false);
        writer.WriteBoolean("resolved", episode.Resolved);
        writer.WriteBoolean("failed_apply_patch", false);
        writer.WriteBoolean("error_eval", false);
        writer.WriteBoolean("test_timeout", false);
        writer.WriteEndObject();
    }

    /// <summary>A git commit hash.</summary>
    public static string Commit(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return string.Create(CultureInfo.InvariantCulture, $"{rng.Next():x16}{rng.Next():x16}{(uint)rng.Next():x8}");
    }
}
