using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Importing.MiniSweAgent;

namespace TrajectoryBuild.Trajectories.Tests.Importing.MiniSweAgent;

public sealed class MiniSweAgentImporterTests
{
    private const string Current = """
        {"trajectory_format": "mini-swe-agent-1", "instance_id": "astropy__astropy-12907",
         "info": {"exit_status": "Submitted", "submission": "diff --git a/x b/x\n", "mini_version": "1.9.0",
          "model_stats": {"instance_cost": 0.03, "api_calls": 3}, "config": {"model": {"model_name": "anthropic/claude-sonnet-4"}}},
         "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "task"},
          {"role": "assistant", "content": "THOUGHT: two at once\n\n```bash\nls\n```\n\n```bash\npwd\n```", "extra": {"response": {}}},
          {"role": "user", "content": "Please always provide EXACTLY ONE action in triple backticks, found 2 actions."},
          {"role": "assistant", "content": "THOUGHT: run the tests\n\n```bash\npytest -x\n```"},
          {"role": "user", "content": "<returncode>1</returncode>\n<output>\nFAILED\n</output>"},
          {"role": "assistant", "content": "THOUGHT: slow\n\n```bash\nsleep 999\n```"},
          {"role": "user", "content": "The last command <command>sleep 999</command> timed out and has been killed."}]}
        """;

    private readonly MiniSweAgentImporter _importer = new();

    [Fact]
    public void Sample_LegacyMessageList_ReadsStepsThoughtsCallsAndExitCodes()
    {
        var trajectory = Imports.Valid(_importer, TestData.Source("B_minisweagent_local_legacy.traj.json")).ShouldHaveSingleItem();

        trajectory.InstanceId.ShouldBe("B_minisweagent_local_legacy");
        trajectory.Provenance.Scaffold.ShouldBe("mini-swe-agent");
        trajectory.Prompt.Select(m => m.Role).ShouldBe(["system", "user"]);
        trajectory.Prompt[1].Content.ShouldStartWith("Please solve this issue: Blah blah blah");
        trajectory.Steps.Count.ShouldBe(2);
        var first = trajectory.Steps[0];
        first.Thought.ShouldBe("Here be some dummy command:");
        first.Content.ShouldBe("Here be some dummy command:\n\n```mswea_bash_command\necho 'hello world'\n```");
        var call = first.ToolCalls.ShouldHaveSingleItem();
        (call.Name, call.Arguments["command"]!.GetValue<string>(), call.ArgumentsRaw).ShouldBe(("bash", "echo 'hello world'", "echo 'hello world'"));
        first.Observations.ShouldHaveSingleItem().ExitCode.ShouldBe(0);
        first.Observations[0].Content.ShouldBe("<returncode>0</returncode>\n<output>\nhello world\n</output>");
        trajectory.Steps[1].ToolCalls[0].ArgumentsRaw.ShouldBe("echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT");
        trajectory.Steps[1].Observations.ShouldHaveSingleItem().Content.ShouldBe("");
        trajectory.Steps[1].Observations[0].ExitCode.ShouldBeNull();
        (trajectory.Patch, trajectory.ExitStatus, trajectory.Usage).ShouldBe((null, null, null));
    }

    [Fact]
    public void CurrentFormat_ReadsInfo_FormatErrorIsFeedback_TimeoutIsAnError()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "run.traj.json"), Current);

        var trajectory = Imports.Valid(_importer, TestData.SourceAt(Path.Combine(temp.Path, "run.traj.json"))).ShouldHaveSingleItem();

        trajectory.InstanceId.ShouldBe("astropy__astropy-12907");
        trajectory.Provenance.ScaffoldVersion.ShouldBe("1.9.0");
        trajectory.Provenance.Model.ShouldBe("anthropic/claude-sonnet-4");
        trajectory.Patch.ShouldBe("diff --git a/x b/x\n");
        trajectory.ExitStatus.ShouldBe("Submitted");
        trajectory.Usage.ShouldBe(new(null, null, null, 0.03));
        trajectory.Steps.Count.ShouldBe(3);
        trajectory.Steps[0].ToolCalls.ShouldBeEmpty();
        trajectory.Steps[0].Error!.ShouldContain("found 2");
        trajectory.Steps[0].Feedback.ShouldHaveSingleItem().Content.ShouldStartWith("Please always provide EXACTLY ONE action");
        trajectory.Steps[1].Thought.ShouldBe("THOUGHT: run the tests");
        trajectory.Steps[1].Observations.ShouldHaveSingleItem().ExitCode.ShouldBe(1);
        trajectory.Steps[2].Observations.ShouldHaveSingleItem().IsError.ShouldBeTrue();
    }

    [Theory]
    [InlineData("[{\"role\": \"user\", \"content\": \"x\"}", "file", "not valid JSON")]
    [InlineData("{\"messages\": [], \"seed\": 1}", "file, $.seed", "unknown field 'seed'")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": 5}]}", "file, $.messages[0].content", "expected a string or a list")]
    [InlineData("{\"messages\": [], \"trajectory_format\": \"mini-swe-agent-2\"}", "file, $.trajectory_format", "expected mini-swe-agent-1")]
    [InlineData("[{\"role\": \"robot\", \"content\": \"x\"}]", "file, $[0].role", "found 'robot'")]
    public void BadFile_IsQuarantinedWithPositionAndReason(string text, string position, string reason)
    {
        using var temp = new TempDirectory();

        Imports.QuarantinedOnce(Imports.OfText(_importer, temp.Path, "bad.traj.json", text), position, reason);
    }

    [Fact]
    public void JsonLines_MixedVersionsAndBadLinesAreQuarantined_TheRestRead()
    {
        using var temp = new TempDirectory();
        var legacy = File.ReadAllText(TestData.PathOf("B_minisweagent_local_legacy.traj.json")).ReplaceLineEndings("");
        var current = Current.ReplaceLineEndings("");

        var results = Imports.OfText(_importer, temp.Path, "runs.jsonl", string.Join('\n', current, legacy, current, current[..50]));

        results.Select(r => r is Quarantined q ? q.Position : "ok").ShouldBe(["ok", "line 2", "ok", "line 4"]);
        results.OfType<Quarantined>().First().Reason.ShouldContain("mixed versions");
    }

    // Observations are kept as the source's JSON tokens; the exit code and the timeout flag are read from the token
    // when it is plain, from the decoded text otherwise, with the same result.
    [Theory]
    [InlineData("<returncode>0</returncode>\\n<output>\\nok\\n</output>", 0, false)]
    [InlineData("<returncode> -2 </returncode>", -2, false)]
    [InlineData("<returncode>\\n3\\t</returncode>", 3, false)]
    [InlineData("<returncode>\\u0034</returncode>", 4, false)]
    [InlineData("\\u003creturncode>5</returncode>", 5, false)]
    [InlineData("<returncode>\\u00a06</returncode>", 6, false)]
    [InlineData("<returncode>x</returncode>", null, false)]
    [InlineData("<returncode></returncode><returncode>7</returncode>", null, false)]
    [InlineData("no code", null, false)]
    [InlineData("The last command <command>sleep 9</command> timed out and has been killed.", null, true)]
    [InlineData("The last command <command>sleep 9</command> ti\\u006ded out.", null, true)]
    [InlineData("The last command finished.", null, false)]
    [InlineData("\\u0054he last command timed out", null, true)]
    public void Observation_ExitCodeAndTimeout_FromTheTokenOrTheText(string json, int? exitCode, bool isError)
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "run.traj.json");
        File.WriteAllText(file, $$"""[{"role": "user", "content": "task"}, {"role": "assistant", "content": "```bash\nls\n```"}, {"role": "user", "content": "{{json}}"}]""");

        var observation = Imports.Valid(_importer, TestData.SourceAt(file)).ShouldHaveSingleItem().Steps.ShouldHaveSingleItem().Observations.ShouldHaveSingleItem();

        (observation.ExitCode, observation.IsError).ShouldBe((exitCode, isError));
        observation.ContentText.Token.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("x.traj.json", true)]
    [InlineData("x.traj", false)]
    [InlineData("all_preds.jsonl", false)]
    public void Accepts_OnlyTrajJsonFiles(string name, bool accepted) => _importer.Accepts(name).ShouldBe(accepted);
}
