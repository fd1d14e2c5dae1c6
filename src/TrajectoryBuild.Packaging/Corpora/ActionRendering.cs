namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>How a tool call appears in a corpus (the manifest's <c>packaging.action_rendering</c>).</summary>
public enum ActionRendering
{
    /// <summary>Native tool calls (<c>function_call</c> turns, <c>tool_calls</c>); in text-only corpora the call's <c>{"name","arguments"}</c> JSON.</summary>
    Native,

    /// <summary>Inlined as <c>&lt;function=name&gt;&lt;parameter=key&gt;value&lt;/parameter&gt;&lt;/function&gt;</c> (SWE-agent / SWE-smith XML).</summary>
    Xml,

    /// <summary>Inlined as a fenced block: <c>```bash</c> for a lone shell command, else <c>```name</c> with the arguments' JSON.</summary>
    Backticks,
}
