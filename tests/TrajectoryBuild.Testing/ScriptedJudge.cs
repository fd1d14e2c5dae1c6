using System.Text.Json.Nodes;

namespace TrajectoryBuild.Testing;

/// <summary>The scripted verifier model of the stage-5 tests: one recorded chat completion for every judging request.</summary>
public static class ScriptedJudge
{
    /// <summary>
    /// A scripted model's response file: every request whose text holds <c>Trajectory: </c> (the judge prompt) gets a
    /// completion from <c>judge-1</c> whose content is <paramref name="answer"/> (the verdict JSON).
    /// </summary>
    public static string Responses(string answer)
    {
        var completion = new JsonObject
        {
            ["id"] = "c",
            ["object"] = "chat.completion",
            ["created"] = 0,
            ["model"] = "judge-1",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["finish_reason"] = "stop", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer } }),
        };
        return new JsonObject { ["match"] = "Trajectory: ", ["responses"] = new JsonArray(completion) }.ToJsonString();
    }
}
