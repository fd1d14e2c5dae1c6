using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Importing.SweAgent;

namespace TrajectoryBuild.Trajectories.Tests.Importing.SweAgent;

public sealed class SweAgentImporterTests
{
    private readonly SweAgentImporter _importer = new();

    [Fact]
    public void Sample_HistoryOnlyFunctionCalling_ReadsPromptStepsCallsAndPairedObservations()
    {
        var trajectory = Imports.Valid(_importer, TestData.Source("B_sweagent_function_calling_simple_demo.traj")).ShouldHaveSingleItem();

        trajectory.InstanceId.ShouldBe("B_sweagent_function_calling_simple_demo");
        trajectory.Provenance.Scaffold.ShouldBe("swe-agent");
        trajectory.Provenance.SourcePosition.ShouldBeNull();
        trajectory.Prompt.Select(m => m.Role).ShouldBe(["system", "user"]);
        trajectory.Prompt[1].Content.ShouldStartWith("We're currently solving the following issue");
        trajectory.Steps.Count.ShouldBe(5);
        trajectory.Steps.Select(s => s.ToolCalls.Single().Name).ShouldBe(["find_file", "open", "edit", "bash", "submit"]);
        var first = trajectory.Steps[0];
        first.Thought!.ShouldStartWith("The `SyntaxError` in `missing_colon.py` is likely due to a missing colon");
        first.ToolCalls[0].Id.ShouldBe("call_PbWErNIge3YTrli3fiVvmIid");
        first.ToolCalls[0].Arguments["file_name"]!.GetValue<string>().ShouldBe("missing_colon.py");
        first.ToolCalls[0].ArgumentsRaw.ShouldBe("{\"file_name\":\"missing_colon.py\"}");
        first.Observations.ShouldHaveSingleItem().CallId.ShouldBe("call_PbWErNIge3YTrli3fiVvmIid");
        first.Observations[0].Content.ShouldStartWith("Found 1 matches for \"missing_colon.py\"");
        trajectory.Steps[2].ToolCalls[0].Arguments["replace"]!.GetValue<string>().ShouldBe("def division(a: float, b: float) -> float:");
        trajectory.Steps[3].ToolCalls[0].Arguments["command"]!.GetValue<string>().ShouldBe("python tests/missing_colon.py");
        trajectory.Steps[3].Observations[0].Content.ShouldStartWith("8.2\n");
        trajectory.Steps[4].Observations[0].Content.ShouldContain("+def division(a: float, b: float) -> float:");
        trajectory.Steps.ShouldAllBe(s => s.ModelInput == null && s.Feedback.Count == 0);
        trajectory.Patch.ShouldBeNull();
        trajectory.ExitStatus.ShouldBeNull();
    }

    [Fact]
    public void RetryRun_EachAttemptIsATrajectory_TheSubmittedOneChosen_AbandonedKept()
    {
        using var temp = new TempDirectory();
        var text = $$$"""{"attempts": [{{{Run("diff a", "exit_cost")}}}, {{{Run("diff b", "submitted")}}}], "info": {"submission": "diff b", "exit_status": "submitted"}}""";

        var results = Imports.OfText(_importer, temp.Path, "django__django-11099.traj", text);

        var trajectories = results.OfType<Imported>().Select(i => i.Trajectory).ToList();
        trajectories.Select(t => t.Attempt).ShouldBe([new(0, 2, false), new(1, 2, true)]);
        trajectories.Select(t => t.Patch).ShouldBe(["diff a", "diff b"]);
        trajectories.Select(t => t.ExitStatus).ShouldBe(["exit_cost", "submitted"]);
        trajectories.Select(t => t.Provenance.SourcePosition).ShouldBe(["attempts[0]", "attempts[1]"]);
        var chosen = trajectories[1];
        chosen.InstanceId.ShouldBe("django__django-11099");
        chosen.Provenance.Model.ShouldBe("claude-3-5-sonnet");
        chosen.Provenance.ScaffoldVersion.ShouldBe("1.0.1");
        chosen.Provenance.ModelParams!["temperature"]!.GetValue<double>().ShouldBe(0.0);
        chosen.Usage.ShouldBe(new(100, 20, 120, 0.5));
        chosen.SourceLabels.ShouldBeNull();
    }

    [Fact]
    public void RetryRun_ReviewersChoiceWins()
    {
        using var temp = new TempDirectory();
        var text = $$$"""{"attempts": [{{{Run("diff a", "submitted")}}}, {{{Run("diff a", "submitted")}}}], "info": {"submission": "diff a", "best_attempt_idx": 1}}""";

        var results = Imports.OfText(_importer, temp.Path, "x.traj", text);

        results.OfType<Imported>().Select(i => i.Trajectory.Attempt!.Chosen).ShouldBe([false, true]);
    }

    [Fact]
    public void TextRenderedHistory_WithTrajectory_JoinsQueryAndTiming_FormatErrorIsFeedback()
    {
        using var temp = new TempDirectory();
        var results = Imports.OfText(_importer, temp.Path, "old.traj", TextRendered);

        var trajectory = results.OfType<Imported>().ShouldHaveSingleItem().Trajectory;
        trajectory.InstanceId.ShouldBe("pvlib__pvlib-python-1072");
        trajectory.Provenance.Model.ShouldBe("gpt4");
        trajectory.Prompt.Select(m => m.Role).ShouldBe(["system", "user", "assistant", "user"]);
        trajectory.Steps.Count.ShouldBe(2);
        var first = trajectory.Steps[0];
        first.ToolCalls.ShouldHaveSingleItem().Name.ShouldBe("bash");
        first.ToolCalls[0].Arguments["command"]!.GetValue<string>().ShouldBe("ls -F\n");
        first.ToolCalls[0].ArgumentsRaw.ShouldBe("ls -F\n");
        first.Observations.ShouldHaveSingleItem().Content.ShouldBe("setup.py");
        first.Feedback.ShouldHaveSingleItem().Content.ShouldStartWith("Your output was not formatted correctly");
        first.ModelInput!.Select(m => m.Role).ShouldBe(["system", "user"]);
        first.DurationSeconds.ShouldBe(0.25);
        trajectory.Steps[1].Observations.ShouldHaveSingleItem().IsError.ShouldBeTrue();
        trajectory.Usage.ShouldBe(new(10, 2, 12, 0.01));
        trajectory.SourceLabels!["review"]!["score"]!.GetValue<int>().ShouldBe(7);
    }

    [Theory]
    [InlineData("""{"history": [{"role": "user", "content": "x"}""", "file", "not valid JSON")]
    [InlineData("""{"history": [{"role": "user", "content": "x", "mood": 1}]}""", "file, $.history[0].mood", "unknown field 'mood'")]
    [InlineData("""{"history": [{"role": 3, "content": "x"}]}""", "file, $.history[0].role", "expected a string, found a number")]
    [InlineData("""{"history": [], "info": {"model_stats": {"tokens_sent": "many"}}}""", "file, $.info.model_stats.tokens_sent", "expected a number")]
    [InlineData("""{"attempts": [{"info": {"swe_agent_version": "1.0"}}, {"info": {"swe_agent_version": "1.1"}}]}""", "file, $.attempts[1].info.swe_agent_version", "mixed versions")]
    [InlineData("""{"history": [], "replay_config": "{not json"}""", "file, $.replay_config", "not valid JSON")]
    public void BadFile_IsQuarantinedWithPositionAndReason(string text, string position, string reason)
    {
        using var temp = new TempDirectory();

        var quarantined = Imports.OfText(_importer, temp.Path, "bad.traj", text).ShouldHaveSingleItem().ShouldBeOfType<Quarantined>();

        quarantined.File.ShouldBe("bad.traj");
        quarantined.Position.ShouldBe(position);
        quarantined.Reason.ShouldContain(reason);
    }

    [Theory]
    [InlineData("x.traj", true)]
    [InlineData("x.traj.json", false)]
    [InlineData("all_preds.jsonl", false)]
    public void Accepts_OnlyTrajFiles(string name, bool accepted) => _importer.Accepts(name).ShouldBe(accepted);

    private static string Run(string submission, string exitStatus) => $$$"""
        {"trajectory": [{"action": "submit", "observation": "{{{submission}}}", "response": "done", "thought": "done", "state": {"working_dir": "/repo"},
          "execution_time": 1.5, "query": [{"role": "system", "content": "sys", "agent": "main", "message_type": "system_prompt"}], "extra_info": {}}],
         "history": [{"role": "system", "content": "sys", "agent": "main", "message_type": "system_prompt"},
          {"role": "assistant", "content": "done", "thought": "done", "action": "submit", "agent": "main", "message_type": "action",
           "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "submit", "arguments": "{}"}}]},
          {"role": "tool", "content": "{{{submission}}}", "agent": "main", "message_type": "observation", "tool_call_ids": ["c1"]}],
         "info": {"exit_status": "{{{exitStatus}}}", "submission": "{{{submission}}}", "swe_agent_version": "1.0.1",
          "model_stats": {"instance_cost": 0.5, "tokens_sent": 100, "tokens_received": 20, "api_calls": 1}},
         "replay_config": "{\"agent\": {\"model\": {\"name\": \"claude-3-5-sonnet\", \"temperature\": 0.0}}, \"problem_statement\": {\"id\": \"django__django-11099\"}}",
         "environment": "main"}
        """;

    private const string TextRendered = """
        {"environment": "swe_main",
         "replay_config": {"agent": {"model": {"model_name": "gpt4"}}, "problem_statement": {"id": "pvlib__pvlib-python-1072"}},
         "history": [{"role": "system", "content": "sys", "agent": "primary"},
          {"role": "user", "content": "demo task", "agent": "primary", "is_demo": true},
          {"role": "assistant", "content": "demo answer", "agent": "primary", "is_demo": true},
          {"role": "user", "content": "the issue", "agent": "primary"},
          {"role": "assistant", "content": "Look.\n```\nls -F\n```", "thought": "Look.\n", "action": "ls -F\n", "agent": "primary"},
          {"role": "user", "content": "setup.py", "agent": "primary"},
          {"role": "user", "content": "Your output was not formatted correctly. You must always include one discussion and one command.", "agent": "primary", "message_type": "format_error"},
          {"role": "assistant", "content": "Run.\n```\npytest\n```", "thought": "Run.\n", "action": "pytest", "agent": "primary"},
          {"role": "user", "content": "The command 'pytest' was cancelled because it took more than 300 seconds.", "agent": "primary"}],
         "trajectory": [
          {"action": "ls -F\n", "observation": "setup.py", "response": "Look.\n```\nls -F\n```", "thought": "Look.\n", "state": "{\"open_file\": \"n/a\"}", "execution_time": 0.25,
           "messages": [{"role": "system", "content": "sys", "agent": "primary"}, {"role": "user", "content": "the issue", "agent": "primary"}]},
          {"action": "pytest", "observation": "timeout", "response": "Run.\n```\npytest\n```", "thought": "Run.\n"}],
         "info": {"exit_status": "submitted", "model_stats": {"total_cost": 3.0, "instance_cost": 0.01, "tokens_sent": 10, "tokens_received": 2, "api_calls": 2},
          "review": {"score": 7}, "edited_files30": ""}}
        """;
}
