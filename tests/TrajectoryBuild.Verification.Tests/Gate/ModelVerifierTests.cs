using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Agents.Scripted;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Gate;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Tests.Gate;

/// <summary>The model gate against a real OpenAI-compatible HTTP server on 127.0.0.1 answering from a script.</summary>
public sealed class ModelVerifierTests
{
    private static readonly Trajectory s_trajectory = new()
    {
        InstanceId = "demo__calculator-1",
        Provenance = new Provenance { Scaffold = "reference", SourceFormat = "reference", SourceFile = "raw", SourceSha256 = "0", Importer = "reference", ImporterVersion = 1 },
        Steps =
        [
            new AgentStep { Index = 0, Thought = "Find divide.", ToolCalls = [new ToolCall("bash", new JsonObject { ["command"] = "grep -rn divide" })], Observations = [new Observation(new string('x', 5000))] },
            new AgentStep { Index = 1, Thought = "Fix it.", ToolCalls = [new ToolCall("bash", new JsonObject { ["command"] = "rm -rf calc" })] },
        ],
    };

    private static JsonObject Completion(string content) => new()
    {
        ["id"] = "c1",
        ["object"] = "chat.completion",
        ["created"] = 0,
        ["model"] = "judge",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["finish_reason"] = "stop", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content } }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
    };

    [Fact]
    public async Task VerifyAsync_SendsPromptAndTrajectory_ReadsTurnScores_AndAppliesTheVerdict()
    {
        const string answer = "```json\n{\"turns\": [{\"turn\": 0, \"relevance\": 3, \"factual_grounding\": 3, \"tool_selection\": 3, \"redundancy\": 3, \"unsafe_edits\": 3}, {\"turn\": 1, \"relevance\": 2, \"factual_grounding\": 2, \"tool_selection\": 2, \"redundancy\": 3, \"unsafe_edits\": 1, \"evidence\": \"deletes the package\"}]}\n```";
        await using var server = await ScriptedChatServer.StartAsync([new ChatScript("Trajectory: t-7", [Completion(answer)])], TestContext.Current.CancellationToken);
        var prompt = ModelVerifier.Prompt(null);

        var (result, response) = await ModelVerifier.VerifyAsync(server.BaseUrl, null, "judge", 0.0, prompt, "t-7", s_trajectory, resolved: true, threshold: 0.5, "model/judge/abc", TestContext.Current.CancellationToken);

        response.ShouldBe(answer);
        result.Turns[1].Scores.ShouldBe(new TurnScores([2, 2, 2, 3, 1]));
        result.Turns[1].Evidence.ShouldBe(["deletes the package"]);
        result.Accept.ShouldBeFalse("an unsafe edit rejects whatever the score");
        var request = JsonNode.Parse(Encoding.UTF8.GetString(server.Exchanges.Single().Request))!;
        var messages = request["messages"]!.AsArray();
        messages[0]!["content"]!.GetValue<string>().ShouldBe(prompt);
        var user = messages[1]!["content"]!.GetValue<string>();
        user.ShouldStartWith("Trajectory: t-7\nTask: demo__calculator-1\nTests on the final patch: resolved\n");
        user.ShouldContain("Action: rm -rf calc");
        user.ShouldContain("[... 3000 characters cut ...]");
    }

    [Fact]
    public void Parse_TurnsLeftOut_StayUnscored_NotAnsweringJson_Throws()
    {
        var turns = ModelVerifier.Parse("{\"turns\": [{\"turn\": 1, \"relevance\": 3, \"unsafe_edits\": 9}]}", 2);

        turns[0].Scores.ShouldBe(TurnScores.Empty);
        turns[0].Evidence.ShouldBe(["not scored by the model"]);
        turns[1].Scores.ShouldBe(new TurnScores([3, null, null, null, null]), "9 is off the scale");
        Should.Throw<InvalidDataException>(() => ModelVerifier.Parse("I think it is fine.", 2)).Message.ShouldContain("it began: I think it is fine.");
    }

    [Fact]
    public void Prompt_BuiltIn_AsksForEveryAxis() =>
        Axes.All.ShouldAllBe(a => ModelVerifier.Prompt(null).Contains(a.Name, StringComparison.Ordinal));
}
