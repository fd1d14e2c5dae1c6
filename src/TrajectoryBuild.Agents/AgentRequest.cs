using System.Text.Json.Nodes;

namespace TrajectoryBuild.Agents;

/// <summary>
/// One rollout of the reference agent on one task. <paramref name="Endpoint"/> is the OpenAI-compatible base URL
/// (<c>.../v1</c>; requests go to <c>{Endpoint}/chat/completions</c>). <paramref name="Params"/> are sent verbatim as
/// top-level fields of every request (temperature, top_p, max_tokens ...), <paramref name="Seed"/> as <c>seed</c>.
/// <paramref name="Config"/> holds the agent's own settings (see <see cref="AgentConfig"/>).
/// </summary>
internal sealed record AgentRequest(
    Uri Endpoint,
    string Model,
    string? ApiKey,
    JsonObject Params,
    long Seed,
    string InstanceId,
    string ProblemStatement,
    AgentLimits Limits,
    JsonObject Config);
