using System.Globalization;
using System.Text;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Importing.SweAgent;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.MiniSweAgent;

/// <summary>
/// mini-swe-agent's messages as prompt and steps: the messages before the first assistant message are the prompt;
/// after a step with exactly one action, the next user message is its observation; any other user message (a format
/// error after a response with no or several actions, a follow-up) is feedback.
/// </summary>
internal static class MiniSweAgentSteps
{
    private static readonly HashSet<string> s_fields = ["role", "content", "extra"];

    public static (List<Message> Prompt, List<AgentStep> Steps) Build(JsonElement messages, string path)
    {
        var turns = new StepAssembler();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            JsonFields.RejectUnknown(message, itemPath, s_fields);
            var role = JsonFields.RequiredString(message, "role", itemPath);
            if (role is not ("system" or "user" or "assistant"))
            {
                throw new ImportException($"{itemPath}.role", $"expected system, user or assistant, found '{role}'");
            }

            var content = JsonFields.ContentText(JsonFields.Required(message, "content", itemPath), $"{itemPath}.content");
            if (role == "assistant")
            {
                turns.Turn(Step(content));
            }
            else
            {
                turns.Reply(role, content, Observe);
            }
        }

        return (turns.Prompt, turns.Steps);
    }

    private static AgentStep Step(JsonText text)
    {
        var content = text.Value;
        var blocks = BashBlocks.Find(content);
        if (blocks.Count != 1)
        {
            // mini-swe-agent rejects the response (format error); the response is kept, with no call.
            return new AgentStep { ContentText = text, Error = $"expected exactly one bash block, found {blocks.Count}" };
        }

        var thought = content[..blocks[0].Start].TrimEnd();
        return new AgentStep
        {
            Thought = thought.Length == 0 ? null : thought,
            ContentText = text,
            ToolCalls = [TextActions.Bash(blocks[0].Command)],
        };
    }

    private static Observation Observe(JsonText content) => new(content)
    {
        ExitCode = ReturnCode(content),

        // The timeout template: "The last command <command>...</command> timed out and has been killed."
        IsError = StartsWith(content, "The last command"u8) && content.Value.Contains("timed out", StringComparison.Ordinal),
    };

    // On a token: the text's first characters, if plain ASCII, are the token's bytes after its quote.
    private static bool StartsWith(JsonText content, ReadOnlySpan<byte> asciiPrefix) => content.Token is { } token
        ? token.AsSpan(1).StartsWith(asciiPrefix)
        : content.Value.StartsWith(Encoding.ASCII.GetString(asciiPrefix), StringComparison.Ordinal);

    private static int? ReturnCode(JsonText content)
    {
        if (content.Token is not { } token)
        {
            return ReturnCode(content.Value);
        }

        // '<', '>' and letters are their own bytes in a token and never the second byte of an escape, so the first
        // tag in the token is the first tag in the text; a value with escapes or non-ASCII is read from the text.
        var start = token.AsSpan().IndexOf("<returncode>"u8);
        if (start < 0)
        {
            return null;
        }

        start += "<returncode>".Length;
        var end = token.AsSpan(start).IndexOf("</returncode>"u8);
        if (end <= 0)
        {
            return null;
        }

        var value = token.AsSpan(start, end);
        return value.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) || value.Contains((byte)'\\')
            ? ReturnCode(content.Value)
            : int.TryParse(value.Trim((byte)' '), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null;
    }

    private static int? ReturnCode(string content)
    {
        const string Open = "<returncode>";
        var start = content.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Open.Length;
        var end = content.IndexOf("</returncode>", start, StringComparison.Ordinal);
        return end > start && int.TryParse(content.AsSpan(start, end - start).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }
}
