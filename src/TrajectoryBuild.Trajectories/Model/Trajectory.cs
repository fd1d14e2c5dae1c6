using System.Text.Json.Nodes;

namespace TrajectoryBuild.Trajectories.Model;

/// <summary>
/// One agent run on one task, normalized from whatever scaffold produced it (schema: schema/trajectory.schema.json,
/// version <see cref="TrajectorySchema.Version"/>). Nothing the source recorded is dropped: failed tool calls, stack
/// traces and abandoned attempts are kept, each attempt as its own trajectory with <see cref="Attempt"/> set.
/// </summary>
public sealed record Trajectory
{
    /// <summary>A stable id, unique within a build: assigned by the stage that captures the trajectory.</summary>
    public string? Id { get; init; }

    /// <summary>The task (SWE-bench <c>instance_id</c>) the agent worked on, when the source says.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Who produced it, with what, from which file.</summary>
    public required Provenance Provenance { get; init; }

    /// <summary>For a scaffold that retries (SWE-agent <c>attempts[]</c>): which attempt this is, and whether it was chosen.</summary>
    public AttemptInfo? Attempt { get; init; }

    /// <summary>The tool definitions offered to the model, as the source recorded them (OpenAI <c>tools</c> shape), or null.</summary>
    public JsonArray? Tools { get; init; }

    /// <summary>The conversation before the first agent step: system prompt, task statement, demonstrations.</summary>
    public IReadOnlyList<Message> Prompt { get; init; } = [];

    /// <summary>The agent's steps, in order.</summary>
    public IReadOnlyList<AgentStep> Steps { get; init; } = [];

    /// <summary>The final patch as the scaffold submitted it (a unified diff), or null when it submitted none.</summary>
    public string? Patch { get; init; }

    /// <summary>The scaffold's own exit status (<c>submitted</c>, <c>exit_cost</c>, <c>step_limit</c> ...). Never an outcome label.</summary>
    public string? ExitStatus { get; init; }

    /// <summary>A run-level error the scaffold recorded (exception, stack trace), kept verbatim.</summary>
    public string? Error { get; init; }

    /// <summary>Totals for the run, where known.</summary>
    public Usage? Usage { get; init; }

    /// <summary>
    /// What the source claimed about the outcome (a dataset's <c>resolved</c> or <c>target</c>, a harness report), kept
    /// for comparison only: outcome labels come from the Evaluate stage, never from here.
    /// </summary>
    public JsonObject? SourceLabels { get; init; }
}

/// <summary>Which attempt of a retrying scaffold a trajectory is.</summary>
/// <param name="Index">0-based attempt index.</param>
/// <param name="Count">How many attempts the run made.</param>
/// <param name="Chosen">Whether the scaffold chose this attempt's patch as its submission; the others are abandoned, and kept.</param>
public sealed record AttemptInfo(int Index, int Count, bool Chosen);

/// <summary>A message of the conversation that is not an agent step: system prompt, task, user follow-up, scaffold feedback.</summary>
public sealed record Message
{
    /// <summary>A message.</summary>
    /// <param name="role"><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>, as the source said.</param>
    /// <param name="content">The text (multi-part contents joined).</param>
    public Message(string role, string content)
        : this(role, JsonText.Of(content))
    {
    }

    internal Message(string role, JsonText content)
    {
        Role = role;
        ContentText = content;
    }

    /// <summary><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>, as the source said.</summary>
    public string Role { get; init; }

    /// <summary>The text (multi-part contents joined).</summary>
    public string Content { get => ContentText.Value; init => ContentText = JsonText.Of(value); }

    internal JsonText ContentText { get; init; }

    /// <summary>For a tool message in a recorded model input: the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For an assistant message in a recorded model input: the calls it made.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];
}

/// <summary>
/// One agent turn: what the model produced (thought, tool calls) and what came back (observations matched to their
/// calls, feedback from the scaffold), with timing, usage and the exact model input where the scaffold recorded it.
/// </summary>
public sealed record AgentStep
{
    /// <summary>0-based position in <see cref="Trajectory.Steps"/>.</summary>
    public int Index { get; init; }

    /// <summary>The reasoning text: a separate thought where the scaffold recorded one, else the response text around the action.</summary>
    public string? Thought { get; init; }

    /// <summary>The model's response text, verbatim (null when the response was tool calls only).</summary>
    public string? Content { get => ContentText?.Value; init => ContentText = JsonText.OfNullable(value); }

    internal JsonText? ContentText { get; init; }

    /// <summary>The tool calls the model made in this turn (zero or more).</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>What came back, each matched to its call where the source says which call it answers.</summary>
    public IReadOnlyList<Observation> Observations { get; init; } = [];

    /// <summary>Messages after the turn that are neither the model's nor a tool result: format errors, user follow-ups.</summary>
    public IReadOnlyList<Message> Feedback { get; init; } = [];

    /// <summary>The exact messages sent to the model for this turn, where recorded; null when the source did not keep them.</summary>
    public IReadOnlyList<Message>? ModelInput { get; init; }

    /// <summary>When the turn started (ISO 8601, as recorded), or null.</summary>
    public string? Timestamp { get; init; }

    /// <summary>Seconds the turn took (model + execution), or null.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Tokens and cost of this turn's model call, where known.</summary>
    public Usage? Usage { get; init; }

    /// <summary>A turn-level error: a malformed response, a scaffold exception with its stack trace.</summary>
    public string? Error { get; init; }
}

/// <summary>A tool call: the name, the arguments as an object, and the original text the arguments were parsed from.</summary>
/// <param name="Name">The tool (function) name; <c>bash</c> for a plain shell command.</param>
/// <param name="Arguments">The arguments as a JSON object (empty when they could not be parsed; see <see cref="ParseError"/>).</param>
public sealed record ToolCall(string Name, JsonObject Arguments)
{
    /// <summary>The call id the model gave, or null (text-rendered actions have none).</summary>
    public string? Id { get; init; }

    /// <summary>The original arguments string (a JSON string, an XML block, a command line), verbatim; null when the source had an object.</summary>
    public string? ArgumentsRaw { get; init; }

    /// <summary>Why the arguments could not be read into an object (the call is kept, with this reason).</summary>
    public string? ParseError { get; init; }
}

/// <summary>What a tool call returned.</summary>
public sealed record Observation
{
    /// <summary>An observation.</summary>
    /// <param name="content">The output as the agent saw it, verbatim.</param>
    public Observation(string content)
        : this(JsonText.Of(content))
    {
    }

    internal Observation(JsonText content) => ContentText = content;

    /// <summary>The output as the agent saw it, verbatim.</summary>
    public string Content { get => ContentText.Value; init => ContentText = JsonText.Of(value); }

    internal JsonText ContentText { get; init; }

    /// <summary>The id of the call it answers; null when the source did not pair them (then it answers the turn's only call).</summary>
    public string? CallId { get; init; }

    /// <summary>The command's exit code, where recorded.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Whether the tool reported an error (a failed call, a timeout, an exception): kept, never dropped.</summary>
    public bool IsError { get; init; }
}

/// <summary>Token counts and cost, each null when unknown.</summary>
public sealed record Usage(long? PromptTokens, long? CompletionTokens, long? TotalTokens, double? CostUsd)
{
    /// <summary>No usage known.</summary>
    public static Usage Unknown { get; } = new(null, null, null, null);

    /// <summary>The sum of two usages; an unknown part stays unknown only when both are.</summary>
    public Usage Add(Usage? other) => other is null ? this : new(
        Sum(PromptTokens, other.PromptTokens), Sum(CompletionTokens, other.CompletionTokens), Sum(TotalTokens, other.TotalTokens), Sum(CostUsd, other.CostUsd));

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    private static double? Sum(double? a, double? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}

/// <summary>Who produced a trajectory, with what, from which file: enough to trace every row of a dataset back.</summary>
public sealed record Provenance
{
    /// <summary>The scaffold: <c>reference</c>, <c>swe-agent</c>, <c>openhands</c>, <c>aider</c>, <c>mini-swe-agent</c> ...</summary>
    public required string Scaffold { get; init; }

    /// <summary>The scaffold's version, where known.</summary>
    public string? ScaffoldVersion { get; init; }

    /// <summary>The model's name as the source recorded it, where known.</summary>
    public string? Model { get; init; }

    /// <summary>The sampling parameters, where known.</summary>
    public JsonObject? ModelParams { get; init; }

    /// <summary>The rollout seed, where there was one.</summary>
    public long? Seed { get; init; }

    /// <summary>The native format read (an importer's format name, e.g. <c>swe-agent</c>, <c>openhands-v0</c>).</summary>
    public required string SourceFormat { get; init; }

    /// <summary>The source file, relative to the manifest (or the rollout's raw output name).</summary>
    public required string SourceFile { get; init; }

    /// <summary>SHA-256 of the source file's bytes.</summary>
    public required string SourceSha256 { get; init; }

    /// <summary>Where in the file: <c>line 12</c>, <c>row 3</c>, <c>attempts[1]</c>; null for a whole-file trajectory.</summary>
    public string? SourcePosition { get; init; }

    /// <summary>The importer (name) that normalized it.</summary>
    public required string Importer { get; init; }

    /// <summary>The importer's version: part of the Capture key.</summary>
    public required int ImporterVersion { get; init; }
}
