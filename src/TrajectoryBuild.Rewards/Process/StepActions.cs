using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Gate;

namespace TrajectoryBuild.Rewards.Process;

/// <summary>What a step does and saw, on top of stage 5's <see cref="TurnActions"/>: identities for loops and prefixes, errors, edits.</summary>
internal static partial class StepActions
{
    /// <summary>The step's action identity: each call's tool name and canonical arguments (object keys sorted), in call order.</summary>
    public static string Signature(AgentStep step) =>
        step.ToolCalls.Count == 0 ? "(no action)" : string.Join(" ; ", step.ToolCalls.Select(CallSignature));

    /// <summary>What the step saw, whitespace-normalized, to tell a repeated action that saw the same thing.</summary>
    public static string ObservationKey(AgentStep step) =>
        Whitespace().Replace(string.Join("\n", step.Observations.Select(o => $"{o.ExitCode}|{o.IsError}|{o.Content.Trim()}")), " ");

    /// <summary>Why the call errored (unreadable arguments, a tool error, a non-zero exit code), or null.</summary>
    public static string? Errored(AgentStep step, ToolCall call)
    {
        if (TurnActions.Failed(step, call) is { } why)
        {
            return why;
        }

        var observation = step.Observations.FirstOrDefault(o => o.CallId is not null && o.CallId == call.Id)
            ?? (step.ToolCalls.Count == 1 && step.Observations.Count > 0 ? step.Observations[0] : null);
        return observation?.ExitCode is { } code and not 0 ? $"exit code {code}" : null;
    }

    /// <summary>Whether the call changes files (stage 5's rule, which knows editor sub-commands and SWE-agent's edit commands).</summary>
    public static bool IsEdit(ToolCall call) => TurnActions.IsEdit(call);

    /// <summary>Whether the call is a shell command (its <c>command</c> argument is what runs).</summary>
    public static bool IsShell(ToolCall call) =>
        call.Arguments["command"] is JsonValue v && v.TryGetValue<string>(out var text) && TurnActions.CommandOf(call) == text;

    /// <summary>Whether the step runs the tests.</summary>
    public static bool RunsTests(AgentStep step) => step.ToolCalls.Any(TurnActions.RunsTests);

    /// <summary>
    /// One call's identity: the tool name and canonical arguments (object keys sorted); a shell command is compared as
    /// stage 5 compares it, whitespace runs collapsed.
    /// </summary>
    public static string CallSignature(ToolCall call) => call.ParseError is not null || IsShell(call)
        ? $"{call.Name} {TurnActions.Signature(call)}"
        : $"{call.Name} {Canonical(call.Arguments)!.ToJsonString()}";

    /// <summary>The first line of <paramref name="text"/>, cut to <paramref name="max"/> characters, for evidence.</summary>
    public static string Shorten(string text, int max)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length <= max ? line : $"{line[..(max - 3)]}...";
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>SWE-agent's text editing commands, which edit the open file.</summary>
    [GeneratedRegex(@"^\s*(edit\s+\d+:\d+|insert\s+\d+|append\b)")]
    public static partial Regex SweAgentEdit();
}
