using System.Text.Json.Nodes;
using TrajectoryBuild.Agents.Scripted;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Agents.Tests;

/// <summary>The budget limits (cost, tokens, wall clock), the per-action timeout and config checks, in the local sandbox.</summary>
public sealed class ReferenceAgentLimitTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_PricedTurnsPastTheCostLimit_StopsWithCostLimit()
    {
        // 100 prompt + 20 completion tokens per turn at $0.01 / $0.03 per 1k: $0.0016 per turn.
        var config = new JsonObject { ["price_per_1k_prompt"] = 0.01, ["price_per_1k_completion"] = 0.03, ["max_repeats"] = 0 };
        var result = await RunAsync([Completions.Bash("true")], new AgentLimits(50, 0.004, null, 300), config);

        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.CostLimit);
        result.Outcome.Steps.ShouldBe(3);
        result.Outcome.Usage.CostUsd!.Value.ShouldBe(0.0048, 1e-9);
        result.Trajectory.Steps[0].Usage!.CostUsd!.Value.ShouldBe(0.0016, 1e-9);
        result.Trajectory.Usage!.CostUsd!.Value.ShouldBe(0.0048, 1e-9);
    }

    [Fact]
    public async Task Run_TurnsPastTheTokenLimit_StopsWithTokenLimit()
    {
        var result = await RunAsync([Completions.Bash("true")], new AgentLimits(50, null, 250, 300), new JsonObject { ["max_repeats"] = 0 });

        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.TokenLimit);
        result.Outcome.Steps.ShouldBe(3);
        result.Outcome.Usage.TotalTokens.ShouldBe(360);
        result.Outcome.Usage.CostUsd.ShouldBeNull("no prices: cost unknown");
    }

    [Fact]
    public async Task Run_ActionLongerThanTheWallLimit_StopsWithWallLimitAndStillTakesTheDiff()
    {
        var turns = new[] { Completions.Bash("echo started > progress.txt"), Completions.Bash("sleep 60") };
        var config = new JsonObject { ["action_timeout_seconds"] = 120 };
        var started = TimeProvider.System.GetTimestamp();
        var result = await RunAsync(turns, new AgentLimits(50, null, null, 2), config);

        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(30));
        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.WallLimit);
        result.Outcome.Patch!.ShouldContain("+started");
        result.OfType("end").Single()["exit_status"]!.GetValue<string>().ShouldBe(ExitStatuses.WallLimit);
        result.Trajectory.Steps.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Run_ActionPastItsTimeout_IsKilledAndTheModelIsTold()
    {
        var turns = new[] { Completions.Bash("echo before; sleep 30"), Completions.Submit() };
        var result = await RunAsync(turns, null, new JsonObject { ["action_timeout_seconds"] = 1 });

        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.Submitted);
        var observation = result.Trajectory.Steps[0].Observations.Single();
        observation.IsError.ShouldBeTrue();
        observation.ExitCode.ShouldBe(137);
        observation.Content.ShouldStartWith("The command timed out after 1 seconds and was killed.\nexit code: 137\nbefore\n");
    }

    [Fact]
    public async Task Run_UnknownConfigKeyOrReservedParam_IsRejectedBeforeAnyRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ScriptedChatServer.StartAsync([new ChatScript("x", [Completions.Submit()])], ct);
        await using var sandbox = await StartSandboxAsync();
        AgentRequest Request(JsonObject parameters, JsonObject config) =>
            new(server.BaseUrl, "m", null, parameters, 1, "i", "x", new AgentLimits(1, null, null, null), config);

        var typo = await Should.ThrowAsync<ArgumentException>(() => ReferenceAgent.RunAsync(Request([], new JsonObject { ["max_repeat"] = 2 }), sandbox, _temp.Path, _ => { }, TimeProvider.System, ct));
        typo.Message.ShouldContain("unknown key 'max_repeat'");
        var reserved = await Should.ThrowAsync<ArgumentException>(() => ReferenceAgent.RunAsync(Request(new JsonObject { ["tools"] = new JsonArray() }, []), sandbox, _temp.Path, _ => { }, TimeProvider.System, ct));
        reserved.Message.ShouldContain("'tools' is set by the agent itself");
        server.Exchanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task ScriptedServer_NoScriptMatches_Answers404WithAnOpenAiError()
    {
        var result = await RunAsync([Completions.Submit()], null, null, match: "a task nobody asked about");

        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.ModelError);
        result.Served.Single().Status.ShouldBe(404);
        var exchange = result.OfType("exchange").Single();
        exchange["response"]!["error"]!["code"]!.GetValue<string>().ShouldBe("model_not_found");
        exchange["error"]!.GetValue<string>().ShouldContain("HTTP 404");
    }

    [Fact]
    public async Task Run_NoServerAtTheEndpoint_RetriesThenStopsWithModelErrorAndATransportError()
    {
        var ct = TestContext.Current.CancellationToken;
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var endpoint = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)closed.LocalEndpoint).Port}/v1");
        closed.Stop();
        await using var sandbox = await StartSandboxAsync();
        var request = new AgentRequest(endpoint, "m", "sk-test-secret", [], 1, "i", "x", new AgentLimits(5, null, null, 60), new JsonObject { ["max_retries"] = 1, ["retry_backoff_seconds"] = 0 });

        var outcome = await ReferenceAgent.RunAsync(request, sandbox, _temp.Path, _ => { }, TimeProvider.System, ct);

        outcome.ExitStatus.ShouldBe(ExitStatuses.ModelError);
        var raw = await File.ReadAllTextAsync(Path.Combine(_temp.Path, ReferenceAgent.RawFile), ct);
        raw.ShouldNotContain("sk-test-secret");
        var exchanges = AgentHarness.ReadEvents(Path.Combine(_temp.Path, ReferenceAgent.RawFile)).Where(e => e["event"]!.GetValue<string>() == "exchange").ToList();
        exchanges.Count.ShouldBe(2);
        exchanges.ShouldAllBe(e => e["status"] == null && e["response"] == null && e["request"]!["messages"] != null);
        exchanges[1]["error"]!.GetValue<string>().ShouldStartWith("transport error");
    }

    private static async Task<IAgentSandbox> StartSandboxAsync()
    {
        var row = DemoTasks.Row("demo__calculator-1");
        return await LocalSandbox.StartAsync(DemoTasks.Repository(row), DemoTasks.BaseCommit(row), new ContainerLimits(), TestContext.Current.CancellationToken);
    }

    private async Task<RolloutResult> RunAsync(IReadOnlyList<JsonObject> turns, AgentLimits? limits, JsonObject? config, string match = "floor division")
    {
        var row = DemoTasks.Row("demo__calculator-1");
        config ??= [];
        config["retry_backoff_seconds"] = 0;
        await using var sandbox = await StartSandboxAsync();
        return await AgentHarness.RunAsync([new ChatScript(match, turns)], sandbox, _temp.Combine("raw"), row["instance_id"]!.GetValue<string>(), row["problem_statement"]!.GetValue<string>(), limits, config);
    }
}
