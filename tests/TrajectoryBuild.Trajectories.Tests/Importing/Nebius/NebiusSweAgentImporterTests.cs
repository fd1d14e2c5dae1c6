using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Importing.Nebius;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Tests.Importing.Nebius;

public sealed class NebiusSweAgentImporterTests
{
    private readonly NebiusSweAgentImporter _importer = new();

    [Fact]
    public void Sample_Row_ReadsPromptStepsActionsObservationsPatchAndLabels()
    {
        var trajectory = Imports.Valid(_importer, TestData.Source("B_nebius_swe_agent_trajectories_row.json")).ShouldHaveSingleItem();

        AssertSample(trajectory);
        trajectory.Provenance.SourcePosition.ShouldBe("file");

        // Texts passed through are kept as the source's JSON tokens, never decoded and encoded again.
        trajectory.Steps.SelectMany(s => s.Observations).ShouldAllBe(o => o.ContentText.Token != null);
        trajectory.Steps.ShouldAllBe(s => s.ContentText!.Token != null);
        trajectory.Prompt.ShouldAllBe(m => m.ContentText.Token != null);
    }

    [Fact]
    public void Sample_RowWithPythonReprTrajectory_ReadsTheSame()
    {
        var fromList = Imports.Valid(_importer, TestData.Source("B_nebius_swe_agent_trajectories_row.json")).Single();

        var fromRepr = Imports.Valid(_importer, TestData.Source("B_nebius_swe_agent_trajectories_row_repr.jsonl")).ShouldHaveSingleItem();

        AssertSample(fromRepr);
        fromRepr.Provenance.SourcePosition.ShouldBe("line 1");
        TrajectoryWriter.ToUtf8(fromRepr with { Provenance = fromList.Provenance }).ShouldBe(TrajectoryWriter.ToUtf8(fromList));
    }

    [Theory]
    [InlineData("""{"instance_id": "a", "trajectory": [], "resolved": true}""", "line 1, $.resolved", "unknown field 'resolved'")]
    [InlineData("""{"instance_id": "a", "trajectory": [{"role": "ai", "text": "x", "mask": "yes"}]}""", "line 1, $.trajectory[0].mask", "expected a boolean")]
    [InlineData("""{"instance_id": "a", "trajectory": [{"role": "human", "text": "x"}]}""", "line 1, $.trajectory[0].role", "found 'human'")]
    [InlineData("""{"instance_id": "a", "target": "yes", "trajectory": []}""", "line 1, $.target", "expected a boolean")]
    [InlineData("""{"instance_id": "a", "trajectory": "[{'role': 'ai', 'text': 'x\\q', }, {'role': 'user', 'text': \"y}]"}""", "line 1, $.trajectory", "at character 63: the string that starts at character 59 is not closed")]
    [InlineData("""{"instance_id": "a", "trajectory": "[{'role': 'ai', 'text': 'x', 'mask': 'yes'}]"}""", "line 1, $.trajectory[0].mask", "expected a boolean")]
    [InlineData("""{"instance_id": "a", "trajectory": "[{'role': 'user', 'text': 't'}, {'role': 'ai', 'text': None}]"}""", "line 1, $.trajectory[1].text", "expected the ai turn's text, found null")]
    [InlineData("""{"instance_id": "a", "trajectory": "[{'role': 'ai', 'text': 'x', 'resolved': True}]"}""", "line 1, $.trajectory[0].resolved", "unknown field 'resolved'")]
    [InlineData("""{"instance_id": "a", "trajectory": "({'role': 'human', 'text': 'x'},)"}""", "line 1, $.trajectory[0].role", "found 'human'")]
    [InlineData("""{"instance_id": "a", "trajectory": "{'role': 'ai'}"}""", "line 1, $.trajectory", "expected")]
    [InlineData("""{"instance_id": "a", "trajectory": [""", "line 1", "truncated")]
    public void BadRow_IsQuarantinedWithPositionAndReason(string text, string position, string reason)
    {
        using var temp = new TempDirectory();

        Imports.QuarantinedOnce(Imports.OfText(_importer, temp.Path, "rows.jsonl", text), position, reason);
    }

    [Fact]
    public void MixedTrajectoryShapesInOneFile_TheOddOnesAreQuarantined_TheRestRead()
    {
        using var temp = new TempDirectory();
        const string List = """{"instance_id": "a", "trajectory": [{"role": "user", "text": "t"}, {"role": "ai", "text": "go\n```\nls\n```"}]}""";
        const string Repr = """{"instance_id": "b", "trajectory": "[{'role': 'user', 'text': 't'}]"}""";

        var results = Imports.OfText(_importer, temp.Path, "rows.jsonl", $"{List}\n{Repr}\n{List}\n");

        results.Select(r => r is Quarantined q ? q.Position : "ok").ShouldBe(["ok", "line 2", "ok"]);
        results.OfType<Quarantined>().Single().Reason.ShouldContain("mixed versions");
    }

    private static void AssertSample(Trajectory trajectory)
    {
        trajectory.InstanceId.ShouldBe("tomerfiliba__plumbum-366_17");
        trajectory.Provenance.Model.ShouldBe("swe-agent-llama-70b");
        trajectory.Provenance.Scaffold.ShouldBe("swe-agent");
        trajectory.Provenance.SourceFormat.ShouldBe("nebius-swe-agent");
        trajectory.Prompt.Select(m => m.Role).ShouldBe(["system", "user"]);
        trajectory.Prompt[0].Content.ShouldStartWith("SETTING: You are an autonomous programmer");
        trajectory.Prompt[1].Content.ShouldStartWith("We're currently solving the following issue within our repository.");
        trajectory.Steps.Count.ShouldBe(6);
        trajectory.Steps.Select(s => s.ToolCalls.Single().ArgumentsRaw).ShouldBe(
            ["ls -F", "find_file \"image.py\" plumbum", "open plumbum/cli/image.py", "edit 5:5\nimport plumbum.cli as cli\nend_of_edit", "python -c \"import plumbum.cli.image\"", "submit"]);
        trajectory.Steps.ShouldAllBe(s => s.ToolCalls[0].Name == "bash");
        trajectory.Steps[0].Thought!.ShouldStartWith("To start addressing the issue, we need to locate the `image.py` file");
        trajectory.Steps[0].Thought!.ShouldEndWith("but we should check to be sure.");
        trajectory.Steps[0].Observations.ShouldHaveSingleItem().Content.ShouldStartWith("CHANGELOG.rst\nCONTRIBUTING.rst\n");
        trajectory.Steps[4].Observations[0].Content.ShouldStartWith("Your command ran successfully and did not produce any output.");
        trajectory.Steps[5].Observations.ShouldBeEmpty();
        trajectory.Patch!.ShouldContain("+import plumbum.cli as cli\n");
        trajectory.ExitStatus.ShouldBe("submitted");
        trajectory.SourceLabels!["target"]!.GetValue<bool>().ShouldBeTrue();
        trajectory.SourceLabels["eval_logs"]!.GetValue<string>().ShouldEndWith("All tests passed.\n");
        trajectory.SourceLabels["cutoff_date"]!.GetValue<string>().ShouldBe("01.01.2023");
    }
}
