using System.Text.Json.Nodes;
using OpenAI.Chat;

namespace TrajectoryBuild.Agents;

/// <summary>The two tools the reference agent offers: <c>bash</c> {command} and <c>submit</c> {}.</summary>
internal static class AgentTools
{
    public const string Bash = "bash";
    public const string Submit = "submit";

    private const string BashDescription = "Run a bash command in /testbed (a fresh shell each time) and see its exit code and output.";
    private const string SubmitDescription = "Submit your changes to /testbed as the fix and end the session.";

    private const string BashSchema = """{"type":"object","properties":{"command":{"type":"string","description":"The command to run with bash -c."}},"required":["command"],"additionalProperties":false}""";
    private const string SubmitSchema = """{"type":"object","properties":{},"additionalProperties":false}""";

    /// <summary>The tool definitions in the OpenAI <c>tools</c> shape, as the start event records them.</summary>
    public static JsonArray Definitions() =>
    [
        Definition(Bash, BashDescription, BashSchema),
        Definition(Submit, SubmitDescription, SubmitSchema),
    ];

    /// <summary>The same tools for the SDK's request.</summary>
    public static IReadOnlyList<ChatTool> ForSdk() =>
    [
        ChatTool.CreateFunctionTool(Bash, BashDescription, BinaryData.FromString(BashSchema)),
        ChatTool.CreateFunctionTool(Submit, SubmitDescription, BinaryData.FromString(SubmitSchema)),
    ];

    private static JsonObject Definition(string name, string description, string schema) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["parameters"] = JsonNode.Parse(schema),
        },
    };
}
