using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Agents;

/// <summary>
/// The built-in reference agent (stage 3), in the spirit of mini-swe-agent: bash-only, through OpenAI function calling
/// (tools <c>bash</c> and <c>submit</c>), against any OpenAI-compatible chat-completions endpoint. Every HTTP exchange
/// is recorded byte for byte in <see cref="RawFile"/>, with the actions, observations, errors and the end. The patch
/// is always the sandbox's diff at the end. See docs/reference-agent.md.
/// </summary>
internal sealed class ReferenceAgent
{
    public const string Version = "1";
    public const string RawFile = "reference.jsonl";

    /// <summary>Request fields the agent sets itself; <see cref="AgentRequest.Params"/> may not override them.</summary>
    private static readonly string[] s_reservedParams = ["model", "messages", "tools", "tool_choice", "stream", "seed", "n", "functions"];

    public static async Task<AgentOutcome> RunAsync(AgentRequest request, IAgentSandbox sandbox, string rawDirectory, Action<string> progress, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(time);
        if (request.Params.Select(p => p.Key).FirstOrDefault(k => s_reservedParams.Contains(k, StringComparer.Ordinal)) is { } reserved)
        {
            throw new ArgumentException($"reference agent params: '{reserved}' is set by the agent itself", nameof(request));
        }

        var config = AgentConfig.From(request.Config);
        var system = PromptTemplates.Render(config.SystemTemplate, request);
        var user = PromptTemplates.Render(config.InstanceTemplate, request);
        var log = RawLog.Create(Path.Combine(rawDirectory, RawFile), time);
        await using (log.ConfigureAwait(false))
        {
            await log.WriteAsync("start", writer => WriteStart(writer, request, config, sandbox, system, user), ct).ConfigureAwait(false);
            var run = new AgentRun(request, config, sandbox, log, progress, time);
            var (exitStatus, error) = await run.LoopAsync(system, user, ct).ConfigureAwait(false);
            string? patch;
            try
            {
                patch = await sandbox.DiffAsync(ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException exception)
            {
                patch = null;
                error = error is null ? exception.Message : $"{error}; {exception.Message}";
            }

            progress($"{request.InstanceId}: {exitStatus} after {run.Steps} steps, patch of {patch?.Length ?? 0} characters");
            await log.WriteAsync("end", writer =>
            {
                writer.WriteString("exit_status", exitStatus);
                writer.WriteString("error", error);
                writer.WriteNumber("steps", run.Steps);
                writer.WriteString("patch", patch);
                WriteUsage(writer, "usage", run.Usage);
            }, ct).ConfigureAwait(false);
            return new AgentOutcome(exitStatus, patch, run.Steps, run.Usage);
        }
    }

    internal static void WriteUsage(Utf8JsonWriter writer, string name, Usage usage)
    {
        writer.WriteStartObject(name);
        WriteNullable(writer, "prompt_tokens", usage.PromptTokens);
        WriteNullable(writer, "completion_tokens", usage.CompletionTokens);
        WriteNullable(writer, "total_tokens", usage.TotalTokens);
        if (usage.CostUsd is { } cost)
        {
            writer.WriteNumber("cost_usd", cost);
        }
        else
        {
            writer.WriteNull("cost_usd");
        }

        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteStart(Utf8JsonWriter writer, AgentRequest request, AgentConfig config, IAgentSandbox sandbox, string system, string user)
    {
        writer.WriteString("instance_id", request.InstanceId);
        writer.WriteString("agent", "reference");
        writer.WriteString("agent_version", Version);
        writer.WriteString("model", request.Model);
        writer.WriteString("endpoint", $"{request.Endpoint.Scheme}://{request.Endpoint.Authority}{request.Endpoint.AbsolutePath}");
        writer.WritePropertyName("params");
        request.Params.WriteTo(writer);
        writer.WriteNumber("seed", request.Seed);
        writer.WriteStartObject("limits");
        WriteNullable(writer, "steps", request.Limits.Steps);
        if (request.Limits.CostUsd is { } cost)
        {
            writer.WriteNumber("cost_usd", cost);
        }
        else
        {
            writer.WriteNull("cost_usd");
        }

        WriteNullable(writer, "tokens", request.Limits.Tokens);
        WriteNullable(writer, "wall_seconds", request.Limits.WallSeconds);
        writer.WriteEndObject();
        writer.WritePropertyName("config");
        request.Config.WriteTo(writer);
        writer.WriteBoolean("cost_known", config.Priced);
        writer.WriteBoolean("hermetic", sandbox.Hermetic);
        writer.WritePropertyName("tools");
        AgentTools.Definitions().WriteTo(writer);
        writer.WriteString("system_prompt", system);
        writer.WriteString("user_prompt", user);
    }
}
