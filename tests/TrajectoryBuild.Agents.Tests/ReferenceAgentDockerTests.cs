using System.Text.Json.Nodes;
using TrajectoryBuild.Agents.Scripted;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Agents.Tests;

/// <summary>
/// The reference agent end to end: the scripted server over real HTTP, a real container of a real task image (the
/// demo repositories at their base commits), the raw record, and the importer.
/// </summary>
public sealed class ReferenceAgentDockerTests(TaskImageFixture images) : IDisposable
{
    private const string Calculator = "demo__calculator-1";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("demo__calculator-1")]
    [InlineData("demo__calculator-2")]
    [InlineData("demo__textutils-4")]
    public async Task Run_DemoScript_SubmitsAFixAndRecordsEveryExchangeExactly(string instanceId)
    {
        var row = DemoTasks.Row(instanceId);
        var scripts = ChatScript.LoadFolder(DemoTasks.ScriptsFolder);
        var script = scripts.Single(s => row["problem_statement"]!.GetValue<string>().Contains(s.Match, StringComparison.Ordinal));
        var result = await RunAsync(instanceId, scripts);

        DemoRollout.ShouldHaveFixed(result, row, script);
        result.OfType("start").Single()["hermetic"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Run_SameCommandForever_StopsWithRepeatedAction()
    {
        var result = await RunAsync(Calculator, [new ChatScript("floor division", [Completions.Bash("ls")])]);

        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.RepeatedAction);
        result.Outcome.Steps.ShouldBe(3);
        result.OfType("observation").Count().ShouldBe(2, "the third identical command is not run");
        result.OfType("error").Single()["kind"]!.GetValue<string>().ShouldBe("repeated_action");
        result.Outcome.Patch.ShouldBe("");
        var trajectory = result.Trajectory;
        trajectory.ExitStatus.ShouldBe(ExitStatuses.RepeatedAction);
        trajectory.Steps.Count.ShouldBe(3);
        trajectory.Steps[2].Error!.ShouldContain("the same command 3 times in a row: ls");
    }

    [Fact]
    public async Task Run_SameCommandForeverWithLoopDetectionOff_StopsAtTheStepLimit()
    {
        var config = new JsonObject { ["max_repeats"] = 0, ["retry_backoff_seconds"] = 0 };
        var result = await RunAsync(Calculator, [new ChatScript("floor division", [Completions.Bash("ls")])], new AgentLimits(5, null, null, 300), config);

        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.StepLimit);
        result.Outcome.Steps.ShouldBe(5);
        result.OfType("observation").Count().ShouldBe(5);
        result.Trajectory.Steps.ShouldAllBe(step => step.Error == null);
    }

    [Fact]
    public async Task Run_MoreTurnsThanTheStepLimit_StopsWithStepLimitAfterExactlyThatMany()
    {
        var turns = Enumerable.Range(1, 6).Select(i => Completions.Bash($"echo turn {i} > turn{i}.txt && cat turn{i}.txt")).ToList();
        var result = await RunAsync(Calculator, [new ChatScript("floor division", turns)], new AgentLimits(3, null, null, 300));

        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.StepLimit);
        result.Outcome.Steps.ShouldBe(3);
        result.Served.Count.ShouldBe(3);
        result.Outcome.Usage.TotalTokens.ShouldBe(360);
        result.Outcome.Patch!.ShouldContain("+++ b/turn3.txt");
        result.Outcome.Patch!.ShouldNotContain("turn4.txt");
        var trajectory = result.Trajectory;
        trajectory.Steps.Select(s => s.Observations.Single().Content).ShouldBe(["exit code: 0\nturn 1\n", "exit code: 0\nturn 2\n", "exit code: 0\nturn 3\n"]);
        trajectory.Usage!.TotalTokens.ShouldBe(360);
        trajectory.Patch.ShouldBe(result.Outcome.Patch);
    }

    [Fact]
    public async Task Run_MalformedToolCalls_KeepsEachTurnWithItsReasonCorrectsAndStopsWithFormatError()
    {
        var malformed = new[]
        {
            Completions.Call("bash", "{\"command\": \"ls", "Let me look."),
            Completions.Call("python", "{\"code\": \"print(1)\"}"),
            Completions.Text("I believe the bug is fixed now."),
        };
        var result = await RunAsync(Calculator, [new ChatScript("floor division", malformed)]);

        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.FormatError);
        result.Outcome.Steps.ShouldBe(3);
        result.OfType("observation").ShouldBeEmpty();
        result.OfType("error").Select(e => e["reason"]!.GetValue<string>()).ToList().ShouldSatisfyAllConditions(
            reasons => reasons[0].ShouldStartWith("the arguments of bash are not valid JSON"),
            reasons => reasons[1].ShouldBe("unknown tool 'python'"),
            reasons => reasons[2].ShouldBe("no tool call in the response"));

        // Each correction reached the model in the next request: a tool message for a bad call, a user message for none.
        var second = JsonNode.Parse(result.Served[1].Request)!["messages"]!.AsArray();
        second[^1]!["role"]!.GetValue<string>().ShouldBe("tool");
        second[^1]!["content"]!.GetValue<string>().ShouldContain("not valid JSON");
        JsonNode.Parse(result.Served[2].Request)!["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>().ShouldContain("unknown tool 'python'");

        var steps = result.Trajectory.Steps;
        steps.Count.ShouldBe(3);
        steps[0].ToolCalls.Single().ShouldSatisfyAllConditions(
            call => call.ArgumentsRaw.ShouldBe("{\"command\": \"ls"),
            call => call.ParseError.ShouldNotBeNull(),
            call => call.Arguments.ShouldBeEmpty());
        steps[0].Observations.Single().IsError.ShouldBeTrue();
        steps[0].Error!.ShouldStartWith("format: the arguments of bash are not valid JSON");
        steps[1].ToolCalls.Single().Name.ShouldBe("python");
        steps[1].Error.ShouldBe("format: unknown tool 'python'");
        steps[2].ToolCalls.ShouldBeEmpty();
        steps[2].Content.ShouldBe("I believe the bug is fixed now.");
        steps[2].Feedback.Single().Role.ShouldBe("user");
        steps[2].Error.ShouldBe("format: no tool call in the response");
    }

    [Fact]
    public async Task Run_ModelAnswersHttp500_RetriesThenStopsWithModelErrorAndRecordsIt()
    {
        var config = new JsonObject { ["max_retries"] = 1, ["retry_backoff_seconds"] = 0 };
        var result = await RunAsync(Calculator, [new ChatScript("floor division", [Completions.HttpError(500, "the scripted model is overloaded")])], config: config);

        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.ModelError);
        result.Outcome.Steps.ShouldBe(0);
        result.Outcome.Patch.ShouldBe("");
        var exchanges = result.OfType("exchange").ToList();
        exchanges.Count.ShouldBe(2);
        exchanges.ShouldAllBe(e => e["status"]!.GetValue<int>() == 500);
        exchanges[1]["response"]!["error"]!["message"]!.GetValue<string>().ShouldBe("the scripted model is overloaded");
        result.OfType("end").Single()["error"]!.GetValue<string>().ShouldContain("HTTP 500");
        var trajectory = result.Trajectory;
        trajectory.ExitStatus.ShouldBe(ExitStatuses.ModelError);
        trajectory.Error!.ShouldContain("after 2 attempts");
        trajectory.Steps.Single().Error!.ShouldContain("model call attempt 2: HTTP 500");
    }

    private async Task<RolloutResult> RunAsync(string instanceId, IReadOnlyList<ChatScript> scripts, AgentLimits? limits = null, JsonObject? config = null)
    {
        var image = await images.ImageAsync(instanceId);
        var row = DemoTasks.Row(instanceId);
        await using var sandbox = await DockerSandbox.StartAsync(images.Engine, image, new ContainerLimits(MemoryBytes: 1L << 30, Pids: 256), TestContext.Current.CancellationToken);
        return await AgentHarness.RunAsync(scripts, sandbox, _temp.Combine("raw"), instanceId, row["problem_statement"]!.GetValue<string>(), limits, config);
    }
}
