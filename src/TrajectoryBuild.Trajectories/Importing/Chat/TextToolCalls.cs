using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Chat;

/// <summary>
/// Tool calls rendered as text, as OpenHands' non-function-calling mode and the SWE-smith datasets write them:
/// <c>&lt;function=name&gt;&lt;parameter=p&gt;v&lt;/parameter&gt;&lt;/function&gt;</c>. Each block becomes a call whose
/// arguments are its parameters (strings, trimmed as OpenHands trims them) and whose raw text is the block verbatim.
/// </summary>
internal static class TextToolCalls
{
    private const string FunctionOpen = "<function=";
    private const string FunctionClose = "</function>";
    private const string ParameterOpen = "<parameter=";
    private const string ParameterClose = "</parameter>";

    /// The calls in <paramref name="content"/>, and the text before the first one (the thought), or null when there are none.
    public static (List<ToolCall> Calls, string? Thought) Parse(string content)
    {
        var calls = new List<ToolCall>();
        var first = -1;
        var position = 0;
        while (position < content.Length)
        {
            var start = content.IndexOf(FunctionOpen, position, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var nameEnd = content.IndexOf('>', start + FunctionOpen.Length);
            if (nameEnd < 0)
            {
                break;
            }

            var name = content[(start + FunctionOpen.Length)..nameEnd].Trim();
            var close = content.IndexOf(FunctionClose, nameEnd, StringComparison.Ordinal);
            var bodyEnd = close < 0 ? content.Length : close;
            var end = close < 0 ? content.Length : close + FunctionClose.Length;
            position = end;
            if (name.Length == 0)
            {
                continue;
            }

            var (arguments, error) = Parameters(content[(nameEnd + 1)..bodyEnd]);
            if (close < 0)
            {
                error ??= $"the block is not closed with {FunctionClose}";
            }

            calls.Add(new ToolCall(name, arguments) { ArgumentsRaw = content[start..end], ParseError = error });
            first = first < 0 ? start : first;
        }

        var thought = first > 0 ? content[..first].Trim() : null;
        return (calls, string.IsNullOrEmpty(thought) ? null : thought);
    }

    private static (JsonObject Arguments, string? Error) Parameters(string body)
    {
        var arguments = new JsonObject();
        string? error = null;
        var position = 0;
        while (true)
        {
            var start = body.IndexOf(ParameterOpen, position, StringComparison.Ordinal);
            if (start < 0)
            {
                return (arguments, error);
            }

            var nameEnd = body.IndexOf('>', start + ParameterOpen.Length);
            if (nameEnd < 0)
            {
                return (arguments, error ?? "a <parameter= tag is not closed with '>'");
            }

            var name = body[(start + ParameterOpen.Length)..nameEnd].Trim();
            var close = body.IndexOf(ParameterClose, nameEnd, StringComparison.Ordinal);
            if (close < 0)
            {
                // The value runs to the next parameter or the end of the block; the call is kept with the reason.
                var next = body.IndexOf(ParameterOpen, nameEnd, StringComparison.Ordinal);
                close = next < 0 ? body.Length : next;
                error ??= $"parameter '{name}' is not closed with {ParameterClose}";
                position = close;
            }
            else
            {
                position = close + ParameterClose.Length;
            }

            if (arguments.ContainsKey(name))
            {
                error ??= $"parameter '{name}' is given more than once; the last value is kept";
            }

            arguments[name] = body[(nameEnd + 1)..close].Trim();
        }
    }
}
