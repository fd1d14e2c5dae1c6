using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TrajectoryBuild.Agents.Scripted;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Importing.Reference;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Agents.Tests;

/// <summary>A finished rollout: the outcome, the raw events, what the server saw and sent, and the imported trajectory.</summary>
internal sealed record RolloutResult(
    AgentOutcome Outcome,
    IReadOnlyList<JsonObject> Events,
    IReadOnlyList<(byte[] Request, int Status, byte[] Response)> Served,
    IReadOnlyList<ImportResult> Imported,
    string RawPath)
{
    public Trajectory Trajectory => Imported.OfType<Imported>().Single().Trajectory;

    public IEnumerable<JsonObject> OfType(string type) => Events.Where(e => e["event"]!.GetValue<string>() == type);
}

/// <summary>Runs the reference agent end to end: a scripted server over real HTTP, a real sandbox, then the importer.</summary>
internal static class AgentHarness
{
    public static readonly JsonObject Params = new() { ["temperature"] = 0.0, ["top_p"] = 1.0, ["max_tokens"] = 512 };

    public const long Seed = 7;

    public static async Task<RolloutResult> RunAsync(
        IEnumerable<ChatScript> scripts, IAgentSandbox sandbox, string rawDirectory, string instanceId, string problemStatement,
        AgentLimits? limits = null, JsonObject? config = null)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ScriptedChatServer.StartAsync(scripts, ct);
        var request = new AgentRequest(server.BaseUrl, "scripted-test", null, (JsonObject)Params.DeepClone(), Seed, instanceId, problemStatement,
            limits ?? new AgentLimits(20, null, null, 300), config ?? new JsonObject { ["retry_backoff_seconds"] = 0 });
        var outcome = await ReferenceAgent.RunAsync(request, sandbox, rawDirectory, line => TestContext.Current.SendDiagnosticMessage(line), TimeProvider.System, ct);
        var rawPath = Path.Combine(rawDirectory, ReferenceAgent.RawFile);
        return new RolloutResult(outcome, ReadEvents(rawPath), server.Exchanges, Import(rawPath), rawPath);
    }

    public static IReadOnlyList<JsonObject> ReadEvents(string rawPath) =>
        [.. File.ReadAllLines(rawPath).Select(line => JsonNode.Parse(line)!.AsObject())];

    public static IReadOnlyList<ImportResult> Import(string rawPath)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(rawPath)));
        var results = new ReferenceImporter().Import(new ImportSource(rawPath, "rollouts/reference.jsonl", sha), CancellationToken.None).ToList();
        foreach (var imported in results.OfType<Imported>())
        {
            TrajectorySchema.Validate(System.Text.Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(imported.Trajectory))).ShouldBeEmpty();
        }

        return results;
    }

    /// <summary>The changed lines of a unified diff (+/- lines without the file headers), to compare a fix with the gold patch.</summary>
    public static IReadOnlyList<string> ChangedLines(string patch) =>
        [.. patch.Split('\n').Where(l => (l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal))];
}
