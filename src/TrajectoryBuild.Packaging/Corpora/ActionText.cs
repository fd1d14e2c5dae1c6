using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>A step's action as text, for the corpora (and renderings) that have no native tool calls.</summary>
public static class ActionText
{
    /// <summary>The step's prose without its action: the thought where recorded, else the response text, else empty.</summary>
    public static string Prose(AgentStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Thought ?? step.Content ?? "";
    }

    /// <summary>The step's prose followed by each call rendered with <paramref name="rendering"/>, blank-line separated.</summary>
    public static string Step(AgentStep step, ActionRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Join([Prose(step), .. step.ToolCalls.Select(c => Call(c, rendering))]);
    }

    /// <summary>One call as text: <see cref="ActionRendering.Native"/> gives <c>{"name":..,"arguments":..}</c> JSON.</summary>
    public static string Call(ToolCall call, ActionRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(call);
        return rendering switch
        {
            ActionRendering.Xml => Xml(call),
            ActionRendering.Backticks => Backticks(call),
            _ => CorpusJson.Compact(CallObject(call)),
        };
    }

    /// <summary>The call as LLaMA-Factory's <c>function_call</c> value reads it: name, then the arguments object (the raw text when unreadable).</summary>
    internal static JsonObject CallObject(ToolCall call) => new()
    {
        ["name"] = call.Name,
        ["arguments"] = ArgumentsNode(call),
    };

    /// <summary>The arguments as a JSON string (OpenAI <c>function.arguments</c>): the original text when unreadable.</summary>
    internal static string ArgumentsString(ToolCall call) =>
        call.ParseError is not null && call.ArgumentsRaw is not null ? call.ArgumentsRaw : CorpusJson.Compact(call.Arguments);

    /// <summary>Texts joined by a blank line, empty ones left out.</summary>
    internal static string Join(IEnumerable<string?> parts) =>
        string.Join("\n\n", parts.Where(p => !string.IsNullOrEmpty(p)));

    private static JsonNode? ArgumentsNode(ToolCall call) =>
        call.ParseError is not null && call.ArgumentsRaw is not null ? JsonValue.Create(call.ArgumentsRaw) : call.Arguments.DeepClone();

    private static string Xml(ToolCall call)
    {
        var text = new StringBuilder().Append("<function=").Append(call.Name).Append(">\n");
        if (call.ParseError is not null && call.ArgumentsRaw is not null)
        {
            text.Append(call.ArgumentsRaw).Append('\n');
        }
        else
        {
            foreach (var (key, value) in call.Arguments)
            {
                text.Append("<parameter=").Append(key).Append('>').Append(Scalar(value)).Append("</parameter>\n");
            }
        }

        return text.Append("</function>").ToString();
    }

    private static string Backticks(ToolCall call) =>
        call.Arguments.Count == 1 && call.ParseError is null && call.Arguments["command"] is JsonValue v && v.TryGetValue<string>(out var command)
            ? $"```bash\n{command}\n```"
            : $"```{call.Name}\n{ArgumentsString(call)}\n```";

    private static string Scalar(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value is null ? "null" : CorpusJson.Compact(value);
}
