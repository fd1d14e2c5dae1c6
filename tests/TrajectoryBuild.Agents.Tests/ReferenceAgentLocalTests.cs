using System.Text.Json.Nodes;
using TrajectoryBuild.Agents.Scripted;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Reproduction.Tests.Stages;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Agents.Tests;

/// <summary>
/// The reference agent in the local sandbox (no Docker: a temporary clone on the host, fenced by the local executor's
/// isolation), and the importer on records that were cut off or damaged.
/// </summary>
public sealed class ReferenceAgentLocalTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("demo__calculator-1")]
    [InlineData("demo__textutils-4")]
    public async Task Run_DemoScriptInTheLocalSandbox_SubmitsTheFix(string instanceId)
    {
        RequireLocal();
        var row = DemoTasks.Row(instanceId);
        var scripts = ChatScript.LoadFolder(DemoTasks.ScriptsFolder);
        var script = scripts.Single(s => row["problem_statement"]!.GetValue<string>().Contains(s.Match, StringComparison.Ordinal));

        var result = await RunLocalAsync(row, scripts);

        DemoRollout.ShouldHaveFixed(result, row, script);
        result.OfType("start").Single()["hermetic"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task LocalSandbox_HasOnlyTheBaseCommitAndIsRemovedOnDispose()
    {
        var row = DemoTasks.Row("demo__calculator-1");
        var ct = TestContext.Current.CancellationToken;
        var sandbox = await LocalSandbox.StartAsync(DemoTasks.Repository(row), DemoTasks.BaseCommit(row), new ContainerLimits(), ct);
        var testbed = ((LocalSandboxSession)sandbox).Folder.Testbed;
        await using (sandbox)
        {
            var log = await sandbox.RunAsync("git log --all --format=%H && git remote && echo to-stderr >&2", TimeSpan.FromSeconds(30), ct);
            log.ExitCode.ShouldBe(0, log.Output);
            log.Output.ShouldBe(DemoTasks.BaseCommit(row) + "\nto-stderr\n");
            (await sandbox.DiffAsync(ct)).ShouldBe("");
            var hang = await sandbox.RunAsync("sleep 30", TimeSpan.FromSeconds(1), ct);
            hang.TimedOut.ShouldBeTrue();
        }

        Directory.Exists(testbed).ShouldBeFalse();
    }

    [Fact]
    public async Task Import_TruncatedRecord_QuarantinesTheCutLineAndKeepsTheRunWithItsCut()
    {
        var raw = await RecordAsync();
        var lines = File.ReadAllLines(raw);
        File.WriteAllText(raw, string.Join('\n', lines[..^1]) + "\n" + lines[^1][..(lines[^1].Length / 2)]);

        var results = AgentHarness.Import(raw);

        var quarantined = results.OfType<Quarantined>().ShouldHaveSingleItem();
        quarantined.Position.ShouldBe($"line {lines.Length}");
        quarantined.Reason.ShouldContain("the file may be truncated");
        var trajectory = results.OfType<Imported>().Single().Trajectory;
        trajectory.ExitStatus.ShouldBeNull();
        trajectory.Patch.ShouldBeNull();
        trajectory.Error!.ShouldContain("the record stops before its end event, after 5 steps");
        trajectory.Error!.ShouldContain($"quarantined lines: line {lines.Length}");
        trajectory.Steps.Count.ShouldBe(5);
        trajectory.Usage!.TotalTokens.ShouldNotBeNull();
    }

    [Fact]
    public async Task Import_DamagedLines_QuarantinesEachWithLineAndReasonAndReadsTheRest()
    {
        var raw = await RecordAsync();
        var lines = File.ReadAllLines(raw);
        var observation = Array.FindIndex(lines, l => l.StartsWith("{\"event\":\"observation\"", StringComparison.Ordinal));
        lines[observation] = lines[observation].Replace("\"content\":", "\"contents\":", StringComparison.Ordinal);
        lines[1] = "{\"event\":\"exchange\",\"step\":0,";
        File.WriteAllLines(raw, [.. lines, "{\"event\":\"telemetry\"}"]);

        var results = AgentHarness.Import(raw);

        results.OfType<Quarantined>().Select(q => (q.Position, q.Reason.Split(':')[0])).ShouldBe(
        [
            ("line 2", "not valid JSON"),
            ($"line {observation + 1}, $.content", "required field 'content' is missing"),
            ($"line {lines.Length + 1}, $.event", "unknown event 'telemetry'; expected start, exchange, action, observation, error or end"),
        ]);
        var trajectory = results.OfType<Imported>().Single().Trajectory;
        trajectory.ExitStatus.ShouldBe(ExitStatuses.Submitted);
        trajectory.Patch.ShouldNotBeNullOrEmpty();
        trajectory.Error!.ShouldContain("quarantined lines: line 2");
    }

    [Fact]
    public void Import_NoStartEvent_QuarantinesTheFile()
    {
        var raw = _temp.Combine("reference.jsonl");
        File.WriteAllText(raw, "{\"event\":\"end\",\"exit_status\":\"submitted\",\"usage\":{}}\n");

        var results = AgentHarness.Import(raw);

        TrajectoryImporters.TryGet("reference", out var registered).ShouldBeTrue();
        registered.ShouldBeOfType<Trajectories.Importing.Reference.ReferenceImporter>();
        results.Select(r => r.ToString()).ShouldBe(
        [
            "rollouts/reference.jsonl: line 1, $.event: a 'end' event before the start event",
            "rollouts/reference.jsonl: file: no valid start event: not a reference agent record",
        ]);
    }

    private async Task<string> RecordAsync()
    {
        RequireLocal();
        var row = DemoTasks.Row("demo__calculator-1");
        var result = await RunLocalAsync(row, ChatScript.LoadFolder(DemoTasks.ScriptsFolder));
        result.Outcome.ExitStatus.ShouldBe(ExitStatuses.Submitted);
        return result.RawPath;
    }

    private async Task<RolloutResult> RunLocalAsync(JsonObject row, IReadOnlyList<ChatScript> scripts)
    {
        await using var sandbox = await LocalSandbox.StartAsync(DemoTasks.Repository(row), DemoTasks.BaseCommit(row), new ContainerLimits(), TestContext.Current.CancellationToken);
        return await AgentHarness.RunAsync(scripts, sandbox, _temp.Combine("raw"), row["instance_id"]!.GetValue<string>(), row["problem_statement"]!.GetValue<string>());
    }

    /// <summary>The local sandbox's fences (namespaces) and the demo's toolchain (pytest on the local PATH).</summary>
    private static void RequireLocal()
    {
        if (LocalIsolation.Host.Namespaces.Count == 0)
        {
            Requires.SkipOrFailInCi($"the local sandbox cannot fence commands here: {LocalIsolation.Host.Description}", ".ci/run runs as root with util-linux unshare");
        }

        RequiresLocal.Pytest();
    }
}
