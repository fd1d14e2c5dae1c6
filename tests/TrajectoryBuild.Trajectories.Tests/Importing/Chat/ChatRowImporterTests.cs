using Parquet.Schema;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Importing.Chat;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Tests.Importing.Chat;

public sealed class ChatRowImporterTests
{
    [Fact]
    public void SweSmith_Sample_XmlRenderedActionsBecomeToolCallsWithTheirObservations()
    {
        var trajectory = ImportCheck.Trajectories(new SweSmithImporter(), TestData.Source("B_swesmith_ft_xml_example_excerpt.jsonl")).ShouldHaveSingleItem();

        trajectory.InstanceId.ShouldBe("pydantic__pydantic.acb0f10f.pr_8316");
        trajectory.Provenance.Scaffold.ShouldBe("swe-agent");
        trajectory.Provenance.SourcePosition.ShouldBe("line 1");
        trajectory.Prompt.Select(m => m.Role).ShouldBe(["system", "user"]);
        trajectory.Prompt[1].Content.ShouldStartWith("<uploaded_files>\n/testbed\n</uploaded_files>");
        trajectory.Steps.Count.ShouldBe(2);
        var first = trajectory.Steps[0];
        var call = first.ToolCalls.ShouldHaveSingleItem();
        call.Name.ShouldBe("bash");
        call.Id.ShouldBeNull();
        call.Arguments["command"]!.GetValue<string>().ShouldBe("find /testbed -type f -name \"*.py\" | grep -i alias");
        call.ArgumentsRaw.ShouldBe("<function=bash>\n<parameter=command>find /testbed -type f -name \"*.py\" | grep -i alias</parameter>\n</function>");
        first.Thought!.ShouldStartWith("I'll help you implement the necessary changes");
        first.Thought!.ShouldEndWith("locate the alias generators code:");
        first.Content!.ShouldEndWith("</function>");
        first.Observations.ShouldHaveSingleItem().Content.ShouldStartWith("OBSERVATION:\n/testbed/pydantic/alias_generators.py");
        first.Feedback.ShouldBeEmpty();
        var second = trajectory.Steps[1].ToolCalls.ShouldHaveSingleItem();
        second.Name.ShouldBe("str_replace_editor");
        second.Arguments.Select(a => (a.Key, a.Value!.GetValue<string>())).ShouldBe([("command", "view"), ("path", "/testbed/pydantic/alias_generators.py")]);
        trajectory.Steps[1].Observations.ShouldHaveSingleItem().Content.ShouldContain("def to_snake(camel: str) -> str:");
        trajectory.SourceLabels.ShouldBeNull();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SweSmith_ToolSplitRows_SweAgentHistoryMessages_ReadAsTheSweAgentImporterReadsThatHistory(bool messagesAsString)
    {
        // The tool split of SWE-smith-trajectories keeps SWE-agent's own history messages (agent, message_type,
        // thought, action, tool_calls, tool_call_ids): here the history of the SWE-agent sample, as such a row.
        using var temp = new TempDirectory();
        var traj = TestData.Source("B_sweagent_function_calling_simple_demo.traj");
        var history = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(traj.Path))!["history"]!;
        var row = new System.Text.Json.Nodes.JsonObject
        {
            ["messages"] = messagesAsString ? history.ToJsonString() : history.DeepClone(),
            ["instance_id"] = "demo__demo-1",
            ["resolved"] = true,
            ["model"] = "claude-3-7-sonnet-20250219",
            ["traj_id"] = "demo__demo-1.abc",
            ["patch"] = "diff --git a/x b/x\n",
        };
        var rows = Path.Combine(temp.Path, "tool.jsonl");
        File.WriteAllText(rows, row.ToJsonString() + "\n");

        var trajectory = ImportCheck.Trajectories(new SweSmithImporter(), TestData.SourceAt(rows)).ShouldHaveSingleItem();

        var expected = ImportCheck.Trajectories(TrajectoryImporters.All.Single(i => i.Format == "swe-agent"), traj).ShouldHaveSingleItem();
        trajectory.Steps.Count.ShouldBeGreaterThan(1);
        trajectory.Steps.SelectMany(s => s.ToolCalls).ShouldNotBeEmpty();
        Shape(trajectory).ShouldBe(Shape(expected));
        trajectory.InstanceId.ShouldBe("demo__demo-1");
        trajectory.Provenance.Model.ShouldBe("claude-3-7-sonnet-20250219");
        trajectory.SourceLabels!["resolved"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void SweSmith_ToolSplitRows_OpenAiToolCallsWithoutIds_KeepEveryCallAndObservation()
    {
        // What public code that reads the tool split works around (messages as a JSON string; a call without an id; a
        // tool message without tool_call_id): the call and its observation are kept, unpaired by id, never dropped.
        using var temp = new TempDirectory();
        var messages = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["role"] = "system", ["content"] = "You are a helpful assistant." },
            new System.Text.Json.Nodes.JsonObject { ["role"] = "user", ["content"] = "<uploaded_files>\n/testbed\n</uploaded_files>\nfix the bug" },
            System.Text.Json.Nodes.JsonNode.Parse("""{"role":"assistant","content":"Let me look.","tool_calls":[{"type":"function","function":{"name":"bash","arguments":"{\"command\": \"ls /testbed\"}"}}]}"""),
            new System.Text.Json.Nodes.JsonObject { ["role"] = "tool", ["content"] = "OBSERVATION:\nsetup.py\nsrc" },
            System.Text.Json.Nodes.JsonNode.Parse("""{"role":"assistant","content":"Done.","tool_calls":[{"id":"call_2","type":"function","function":{"name":"submit","arguments":"{}"}}]}"""),
            new System.Text.Json.Nodes.JsonObject { ["role"] = "tool", ["content"] = "submitted", ["tool_call_id"] = "call_2" });
        var row = new System.Text.Json.Nodes.JsonObject
        {
            ["messages"] = messages.ToJsonString(),
            ["instance_id"] = "getmoto__moto.694ce1f4.pr_5752",
            ["resolved"] = false,
            ["model"] = "claude-3-7-sonnet-20250219",
            ["traj_id"] = "getmoto__moto.694ce1f4.pr_5752.abc",
            ["patch"] = "diff --git a/x b/x\n",
        };
        var rows = Path.Combine(temp.Path, "tool.jsonl");
        File.WriteAllText(rows, row.ToJsonString() + "\n");

        var trajectory = ImportCheck.Trajectories(new SweSmithImporter(), TestData.SourceAt(rows)).ShouldHaveSingleItem();

        trajectory.Prompt.Select(m => m.Role).ShouldBe(["system", "user"]);
        trajectory.Steps.Count.ShouldBe(2);
        var first = trajectory.Steps[0];
        first.ToolCalls.ShouldHaveSingleItem().Id.ShouldBeNull();
        first.ToolCalls[0].Arguments["command"]!.GetValue<string>().ShouldBe("ls /testbed");
        first.Observations.ShouldHaveSingleItem().Content.ShouldBe("OBSERVATION:\nsetup.py\nsrc");
        first.Observations[0].CallId.ShouldBeNull();
        trajectory.Steps[1].Observations.ShouldHaveSingleItem().CallId.ShouldBe("call_2");
        trajectory.SourceLabels!["resolved"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public void Nebius_Rows_ToolCallsPairedByIdWithExitCodesFeedbackPatchAndLabels()
    {
        var trajectories = ImportCheck.Trajectories(new NebiusOpenHandsImporter(), TestData.Source("F_nebius_openhands_rows.jsonl"));

        trajectories.Count.ShouldBe(2);
        var run = trajectories[0];
        run.InstanceId.ShouldBe("PyPSA__linopy-79");
        run.Provenance.Scaffold.ShouldBe("openhands");
        run.Tools!.Count.ShouldBe(3);
        run.Prompt.Select(m => m.Role).ShouldBe(["system", "user"]);
        run.Steps.Count.ShouldBe(3);
        run.Steps[0].Thought.ShouldBe("Let me look at the repository.");
        run.Steps[0].ToolCalls.ShouldHaveSingleItem().Arguments["command"]!.GetValue<string>().ShouldBe("ls /testbed");
        run.Steps[0].Observations.ShouldHaveSingleItem().ExitCode.ShouldBe(0);
        var parallel = run.Steps[1];
        parallel.Content.ShouldBeNull();
        parallel.ToolCalls.Select(c => (c.Id, c.Name)).ShouldBe([("call_2", "str_replace_editor"), ("call_3", "execute_bash")]);
        parallel.ToolCalls[0].ArgumentsRaw.ShouldBe("{\"command\": \"view\", \"path\": \"/testbed/linopy/io.py\"}");
        parallel.ToolCalls[1].Arguments.ShouldBeEmpty();
        parallel.ToolCalls[1].ArgumentsRaw.ShouldBe("{\"command\": \"pytest -x");
        parallel.ToolCalls[1].ParseError!.ShouldContain("not valid JSON");
        parallel.Observations.Select(o => (o.CallId, o.ExitCode)).ShouldBe([("call_2", (int?)null), ("call_3", 4)]);
        parallel.Feedback.ShouldHaveSingleItem().Content.ShouldBe("Please run the full test suite before finishing.");
        run.Steps[2].ToolCalls.ShouldHaveSingleItem().Name.ShouldBe("finish");
        run.Patch!.ShouldStartWith("diff --git a/linopy/io.py");
        run.ExitStatus.ShouldBe("submit");
        run.SourceLabels!.ToJsonString().ShouldBe("""{"resolved":1}""");
        trajectories[1].Steps.ShouldHaveSingleItem().ToolCalls.ShouldBeEmpty();
        trajectories[1].SourceLabels!.ToJsonString().ShouldBe("""{"resolved":0,"gen_tests_correct":0.5,"pred_passes_gen_tests":0.25}""");
    }

    [Fact]
    public void SweGym_Rows_PatchFromTestResult_ReportOnlyAsLabels()
    {
        var run = ImportCheck.Trajectories(new SweGymImporter(), TestData.Source("F_swe_gym_rows.jsonl")).ShouldHaveSingleItem();

        run.InstanceId.ShouldBe("getmoto__moto-5752");
        run.Steps.Count.ShouldBe(2);
        run.Steps[0].Observations.ShouldHaveSingleItem().CallId.ShouldBe("toolu_01");
        run.Steps[1].ToolCalls.ShouldHaveSingleItem().Name.ShouldBe("finish");
        run.Patch.ShouldBe("diff --git a/moto/ssm/models.py b/moto/ssm/models.py\n");
        run.ExitStatus.ShouldBeNull();
        run.SourceLabels!["resolved"]!.GetValue<bool>().ShouldBeTrue();
        run.SourceLabels!["report"]!["resolved"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("nebius", "F_nebius_openhands_rows.jsonl")]
    [InlineData("swe-gym", "F_swe_gym_rows.jsonl")]
    public void ParquetRows_ImportLikeTheirJsonLines(string format, string file)
    {
        using var temp = new TempDirectory();
        var (importer, messages, rest) = format == "nebius"
            ? ((RecordImporter)new NebiusOpenHandsImporter(), "trajectory", new Field[]
            {
                ParquetFixture.Text("trajectory_id"), ParquetFixture.Text("instance_id"), ParquetFixture.Text("repo"), ParquetFixture.Tools("tools"),
                ParquetFixture.Text("model_patch"), ParquetFixture.Text("exit_status"), new DataField<long?>("resolved"),
                new DataField<double?>("gen_tests_correct"), new DataField<double?>("pred_passes_gen_tests"),
            })
            : (new SweGymImporter(), "messages", new Field[]
            {
                ParquetFixture.Text("instance_id"), ParquetFixture.Tools("tools"), new DataField<bool?>("resolved"),
                new StructField("test_result", ParquetFixture.Text("git_patch"), new StructField("report", new DataField<bool?>("empty_generation"),
                    new DataField<bool?>("resolved"), new DataField<bool?>("failed_apply_patch"), new DataField<bool?>("error_eval"), new DataField<bool?>("test_timeout"))),
            });
        var parquet = Path.Combine(temp.Path, "rows.parquet");
        ParquetFixture.Write(parquet, new ParquetSchema([ParquetFixture.Messages(messages), .. rest]), ParquetFixture.JsonLines(TestData.PathOf(file)), rowGroupSize: 1);

        var fromParquet = ImportCheck.Trajectories(importer, TestData.SourceAt(parquet));
        var fromJsonLines = ImportCheck.Trajectories(importer, TestData.Source(file));

        fromParquet.Select(t => t.Provenance.SourcePosition).ShouldBe(fromJsonLines.Select((_, i) => $"row {i + 1}"));
        fromParquet.Select(ImportCheck.WithoutProvenance).ShouldBe(fromJsonLines.Select(ImportCheck.WithoutProvenance));
    }

    [Fact]
    public void SweGym_MessagesAndToolsAsJsonStrings_ImportAsTheirLists()
    {
        // The strings are unescaped to UTF-8 without GetString: JsonNode writes non-ASCII as \uXXXX escapes (an emoji,
        // kept raw in the inner JSON, as a surrogate pair) and quotes as \u0022, so the strings are full of escapes. A
        // lone surrogate fails as GetString fails.
        using var temp = new TempDirectory();
        var plain = ParquetFixture.JsonLines(TestData.PathOf("F_swe_gym_rows.jsonl")).Single();
        plain["messages"]![1]!["content"] = "é \"quoted\" \\ back\tslash";
        var emoji = plain.DeepClone().AsObject();
        emoji["messages"]![1]!["content"] = "é 😀 \"quoted\"";
        var surrogate = plain.DeepClone().AsObject();
        surrogate["messages"] = "[\\ud800]";
        var notJson = AsStrings(plain);
        notJson["tools"] = "[{\"type\": ";
        var lists = Path.Combine(temp.Path, "lists.jsonl");
        var strings = Path.Combine(temp.Path, "strings.jsonl");
        File.WriteAllLines(lists, [plain.ToJsonString(), emoji.ToJsonString()]);
        File.WriteAllLines(strings, [
            AsStrings(plain).ToJsonString(), AsStrings(emoji).ToJsonString(),
            surrogate.ToJsonString().Replace("\\\\ud800", "\\ud800", StringComparison.Ordinal), notJson.ToJsonString()]);
        var getString = Should.Throw<InvalidOperationException>(() => System.Text.Json.JsonDocument.Parse("\"\\ud800\"").RootElement.GetString()).Message;

        var results = new SweGymImporter().Import(TestData.SourceAt(strings), CancellationToken.None).ToList();

        var expected = ImportCheck.Trajectories(new SweGymImporter(), TestData.SourceAt(lists));
        File.ReadAllText(strings).ShouldContain(@"\uD83D\uDE00");
        File.ReadAllText(strings).ShouldNotContain(@"\\uD83D");
        results.Count.ShouldBe(4);
        for (var i = 0; i < 2; i++)
        {
            var imported = results[i].ShouldBeOfType<Imported>().Trajectory;
            imported.Steps[0].Observations.ShouldNotBeEmpty();
            ImportCheck.WithoutProvenance(imported).ShouldBe(ImportCheck.WithoutProvenance(expected[i]));
        }

        results[2].ShouldBeOfType<Quarantined>().Reason.ShouldBe($"unexpected shape: {getString}");
        results[3].ShouldBeOfType<Quarantined>().Reason.ShouldStartWith("a string that is not valid JSON: ");
        results[3].ShouldBeOfType<Quarantined>().Position.ShouldBe("line 4, $.tools");

        static System.Text.Json.Nodes.JsonObject AsStrings(System.Text.Json.Nodes.JsonObject row)
        {
            var copy = row.DeepClone().AsObject();
            copy["messages"] = row["messages"]!.ToJsonString().Replace(@"\uD83D\uDE00", "😀", StringComparison.Ordinal);
            copy["tools"] = row["tools"]!.ToJsonString();
            return copy;
        }
    }

    // What a conversation says, whichever importer read it: the prompt, and each step's thought, calls and observations.
    private static string Shape(Trajectory trajectory) => string.Join("\n",
        trajectory.Prompt.Select(m => $"{m.Role}: {m.Content}").Concat(trajectory.Steps.Select(s =>
            $"step {s.Index}: {s.Thought} | {string.Join(", ", s.ToolCalls.Select(c => $"{c.Id} {c.Name} {c.ArgumentsRaw}"))} | "
            + string.Join(", ", s.Observations.Select(o => $"{o.CallId} {o.IsError} {o.Content}")) + $" | {s.Feedback.Count}")));
}
