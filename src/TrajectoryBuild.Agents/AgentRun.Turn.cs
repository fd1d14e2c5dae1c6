using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI.Chat;

namespace TrajectoryBuild.Agents;

/// <summary>One turn's tool calls: bash runs in the sandbox, submit ends the run, anything else is a format error.</summary>
internal sealed partial class AgentRun
{
    private const string NoToolCall =
        "Your reply had no tool call. Every reply must call a tool: bash with {\"command\": \"...\"} to run a command, or submit when the issue is fixed.";

    /// <summary>Handles the calls of <paramref name="completion"/> in order; returns an exit status when the run ends here.</summary>
    private async Task<string?> TakeTurnAsync(int step, ChatCompletion completion, CancellationToken ct)
    {
        if (completion.ToolCalls.Count == 0)
        {
            await WriteErrorAsync(step, null, "format", "no tool call in the response", NoToolCall, ct).ConfigureAwait(false);
            _messages.Add(new UserChatMessage(NoToolCall));
            return CountFormatError();
        }

        var malformed = false;
        foreach (var call in completion.ToolCalls)
        {
            var raw = call.FunctionArguments?.ToString() ?? "";
            if (call.FunctionName == AgentTools.Submit)
            {
                await log.WriteAsync("action", writer => WriteAction(writer, step, call.Id, AgentTools.Submit, null), ct).ConfigureAwait(false);
                progress($"{request.InstanceId}: step {step}: submit");
                return ExitStatuses.Submitted;
            }

            if (Problem(call.FunctionName, raw) is { } problem)
            {
                malformed = true;
                var reply = $"Error: {problem}. The tools are bash {{\"command\": \"...\"}} and submit {{}}.";
                await WriteErrorAsync(step, call.Id, "format", problem, reply, ct).ConfigureAwait(false);
                _messages.Add(new ToolChatMessage(call.Id, reply));
                continue;
            }

            var command = JsonNode.Parse(raw)!["command"]!.GetValue<string>();
            _repeats = command == _lastCommand ? _repeats + 1 : 1;
            _lastCommand = command;
            if (config.MaxRepeats > 0 && _repeats >= config.MaxRepeats)
            {
                var reason = $"the same command {_repeats} times in a row: {Shorten(command, 200)}";
                await WriteErrorAsync(step, call.Id, "repeated_action", reason, null, ct).ConfigureAwait(false);
                progress($"{request.InstanceId}: step {step}: loop detected");
                return ExitStatuses.RepeatedAction;
            }

            await RunBashAsync(step, call.Id, command, ct).ConfigureAwait(false);
        }

        if (malformed)
        {
            return CountFormatError();
        }

        _formatErrors = 0;
        return null;
    }

    private string? CountFormatError() => ++_formatErrors >= config.MaxFormatErrors ? ExitStatuses.FormatError : null;

    /// <summary>Why a call is malformed (unknown tool, arguments not a JSON object, no string command), or null.</summary>
    private static string? Problem(string name, string raw)
    {
        if (name != AgentTools.Bash)
        {
            return $"unknown tool '{name}'";
        }

        JsonNode? arguments;
        try
        {
            arguments = JsonNode.Parse(raw);
        }
        catch (JsonException exception)
        {
            return $"the arguments of bash are not valid JSON ({exception.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.')})";
        }

        return arguments is JsonObject { } args && args["command"] is JsonValue command && command.GetValueKind() == JsonValueKind.String
            ? null
            : "bash needs an object with a string 'command'";
    }

    private async Task RunBashAsync(int step, string callId, string command, CancellationToken ct)
    {
        await log.WriteAsync("action", writer => WriteAction(writer, step, callId, AgentTools.Bash, command), ct).ConfigureAwait(false);
        progress($"{request.InstanceId}: step {step}: {Shorten(command, 100)}");
        var result = await sandbox.RunAsync(command, config.ActionTimeout, ct).ConfigureAwait(false);
        var content = Observation(result);
        await log.WriteAsync("observation", writer =>
        {
            writer.WriteNumber("step", step);
            writer.WriteString("call_id", callId);
            writer.WriteNumber("exit_code", result.ExitCode);
            writer.WriteBoolean("timed_out", result.TimedOut);
            writer.WriteNumber("duration_seconds", Math.Round(result.Duration.TotalSeconds, 3));
            writer.WriteString("output", result.Output);
            writer.WriteString("content", content);
        }, ct).ConfigureAwait(false);
        _messages.Add(new ToolChatMessage(callId, content));
    }

    /// <summary>What the model sees of a command: its exit code, then its output (the middle elided past the limit).</summary>
    private string Observation(SandboxResult result)
    {
        var text = new StringBuilder();
        if (result.TimedOut)
        {
            text.Append(CultureInfo.InvariantCulture, $"The command timed out after {config.ActionTimeout.TotalSeconds:0} seconds and was killed.\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"exit code: {result.ExitCode}\n");
        var output = result.Output;
        if (output.Length > config.MaxObservationChars)
        {
            var half = config.MaxObservationChars / 2;
            output = $"{output[..half]}\n[... {output.Length - (2 * half)} characters elided ...]\n{output[^half..]}";
        }

        text.Append(output.Length == 0 ? "(no output)" : output);
        return text.ToString();
    }

    private Task WriteErrorAsync(int step, string? callId, string kind, string reason, string? message, CancellationToken ct) =>
        log.WriteAsync("error", writer =>
        {
            writer.WriteNumber("step", step);
            writer.WriteString("call_id", callId);
            writer.WriteString("kind", kind);
            writer.WriteString("reason", reason);
            writer.WriteString("message", message);
        }, ct);

    private static void WriteAction(Utf8JsonWriter writer, int step, string callId, string tool, string? command)
    {
        writer.WriteNumber("step", step);
        writer.WriteString("call_id", callId);
        writer.WriteString("tool", tool);
        writer.WriteString("command", command);
    }

    private static string Shorten(string text, int length) =>
        (text.Length <= length ? text : text[..length] + "...").Replace('\n', ' ');
}
