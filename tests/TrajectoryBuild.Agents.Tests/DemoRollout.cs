using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Agents.Scripted;

namespace TrajectoryBuild.Agents.Tests;

/// <summary>What a rollout of a demo script must show, in any sandbox.</summary>
internal static class DemoRollout
{
    public static void ShouldHaveFixed(RolloutResult result, JsonObject row, ChatScript script)
    {
        var outcome = result.Outcome;
        outcome.ExitStatus.ShouldBe(ExitStatuses.Submitted);
        outcome.Steps.ShouldBe(script.Responses.Count);

        // The fix: the same lines changed as the gold patch, in the same file, and nothing else (pytest's cache is ignored).
        var patch = outcome.Patch.ShouldNotBeNull();
        AgentHarness.ChangedLines(patch).ShouldBe(AgentHarness.ChangedLines(row["patch"]!.GetValue<string>()));
        patch.Split('\n').Where(l => l.StartsWith("diff --git", StringComparison.Ordinal)).ShouldHaveSingleItem();

        // Every exchange recorded with the exact bytes the server received and sent; the body is the script's.
        var exchanges = result.OfType("exchange").ToList();
        exchanges.Count.ShouldBe(script.Responses.Count);
        result.Served.Count.ShouldBe(script.Responses.Count);
        var lines = File.ReadAllLines(result.RawPath).Where(l => l.StartsWith("{\"event\":\"exchange\"", StringComparison.Ordinal)).ToList();
        for (var i = 0; i < exchanges.Count; i++)
        {
            var (request, status, response) = result.Served[i];
            status.ShouldBe(200);
            lines[i].ShouldContain("\"request\":" + Encoding.UTF8.GetString(request) + ",");
            lines[i].ShouldContain("\"response\":" + Encoding.UTF8.GetString(response) + ",");
            JsonNode.DeepEquals(exchanges[i]["response"], script.Responses[i]).ShouldBeTrue();
            exchanges[i]["response_sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(response)));
            var sent = exchanges[i]["request"]!.AsObject();
            sent["seed"]!.GetValue<long>().ShouldBe(AgentHarness.Seed);
            sent["temperature"]!.GetValue<double>().ShouldBe(0.0);
            sent["max_tokens"]!.GetValue<int>().ShouldBe(512);
            sent["messages"]!.AsArray().Count.ShouldBe(2 + (2 * i));
        }

        // The imported trajectory: one step per exchange, calls paired with observations by id, exit codes kept.
        var trajectory = result.Trajectory;
        trajectory.InstanceId.ShouldBe(row["instance_id"]!.GetValue<string>());
        trajectory.ExitStatus.ShouldBe(ExitStatuses.Submitted);
        trajectory.Patch.ShouldBe(patch);
        trajectory.Error.ShouldBeNull();
        trajectory.Prompt.Select(m => m.Role).ShouldBe(["system", "user"]);
        trajectory.Prompt[1].Content.ShouldContain(row["problem_statement"]!.GetValue<string>());
        trajectory.Provenance.ShouldSatisfyAllConditions(
            p => p.Scaffold.ShouldBe("reference"),
            p => p.ScaffoldVersion.ShouldBe(ReferenceAgent.Version),
            p => p.Model.ShouldBe("scripted-test"),
            p => p.Seed.ShouldBe(AgentHarness.Seed),
            p => p.ModelParams!["max_tokens"]!.GetValue<int>().ShouldBe(512));
        trajectory.Tools!.Count.ShouldBe(2);
        trajectory.Steps.Count.ShouldBe(script.Responses.Count);
        for (var i = 0; i < trajectory.Steps.Count; i++)
        {
            var step = trajectory.Steps[i];
            var expected = script.Responses[i]["choices"]![0]!["message"]!;
            var call = step.ToolCalls.ShouldHaveSingleItem();
            call.Id.ShouldBe(expected["tool_calls"]![0]!["id"]!.GetValue<string>());
            call.ArgumentsRaw.ShouldBe(expected["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
            step.Content.ShouldBe(expected["content"]!.GetValue<string>());
            step.Thought.ShouldBe(step.Content);
            step.ModelInput!.Count.ShouldBe(2 + (2 * i));
            step.Usage!.TotalTokens.ShouldBe(script.Responses[i]["usage"]!["total_tokens"]!.GetValue<long>());
            step.DurationSeconds.ShouldNotBeNull();
            step.Error.ShouldBeNull();
            if (call.Name == "submit")
            {
                step.Observations.ShouldBeEmpty();
                continue;
            }

            var observation = step.Observations.ShouldHaveSingleItem();
            observation.CallId.ShouldBe(call.Id);
            observation.ExitCode.ShouldBe(0, observation.Content);
            observation.Content.ShouldStartWith("exit code: 0\n");
        }

        // The last run of the tests passed, in the sandbox, on the fixed code.
        trajectory.Steps[^2].Observations.Single().Content.ShouldContain("passed");
        trajectory.Usage!.TotalTokens.ShouldBe(script.Responses.Sum(r => r["usage"]!["total_tokens"]!.GetValue<long>()));
    }
}
