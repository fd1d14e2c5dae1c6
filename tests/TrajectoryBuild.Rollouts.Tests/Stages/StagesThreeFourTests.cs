using System.Text.Json.Nodes;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Rollouts.Tests.Stages;

/// <summary>
/// Stages 3-4 on the embedded demo, for real: the reference agent against the scripted model over HTTP in task
/// containers, the recorded SWE-agent runs imported, every patch through the verifier in fresh containers.
/// </summary>
public sealed class StagesThreeFourTests : IDisposable
{
    private const string Manifest = """
        version: 1
        sources:
          demo-local:
            kind: local
            path: samples/tasks
        environments:
          python:
            base:
              suite: bookworm
              packages: [python3-pytest]
            test:
              command: python3 -m pytest -rA -p no:cacheprovider
              parser: pytest
              timeout_seconds: 300
        scaffolds:
          reference:
            kind: reference
            limits:
              steps: 15
          recorded:
            kind: import
            import:
              format: swe-agent
              path: samples/trajectories
        models:
          scripted:
            scripted: samples/models/scripted-demo
            model: scripted-demo
        verification:
          grading:
            stability_runs: 1
        datasets:
          demo:
            sources: [demo-local]
            rollouts:
              scaffolds: [reference, recorded]
              models: [scripted]
        """;

    private static readonly Pipeline s_pipeline = new([new MineStage(), new CloneStage(), new EnvironmentStage(), new ReproduceStage(), new RolloutStage(), new CaptureStage(), new EvaluateStage()]);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_Demo_EvaluatesEveryTrajectoryAndReportsPerScaffoldAndModel()
    {
        await Requires.DockerAsync();
        var (manifest, options) = DemoWorkspace.Create(_temp, Manifest);

        var report = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(TestContext.Current.CancellationToken);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        var rows = Index(report, options).ToDictionary(r => r["id"]!.GetValue<string>(), StringComparer.Ordinal);
        foreach (var task in new[] { "demo__calculator-1", "demo__calculator-2", "demo__textutils-4" })
        {
            var row = rows[$"{task}/reference/scripted/1"];
            row["status"]!.GetValue<string>().ShouldBe("evaluated", row.ToJsonString());
            row["resolved"]!.GetValue<bool>().ShouldBeTrue(row.ToJsonString());
            row["exit_status"]!.GetValue<string>().ShouldBe("submitted");
        }

        var recorded = rows.Values.Where(r => r["scaffold"]!.GetValue<string>() == "recorded").ToList();
        recorded.Single(r => r["instance_id"]!.GetValue<string>() == "demo__calculator-2" && r["status"]!.GetValue<string>() == "evaluated")["resolved"]!.GetValue<bool>().ShouldBeTrue();
        var attempts = recorded.Where(r => r["instance_id"]!.GetValue<string>() == "demo__calculator-1").OrderBy(r => r["attempt"]!.GetValue<long>()).ToList();
        attempts.Select(r => (r["abandoned"]!.GetValue<bool>(), r["resolved"]!.GetValue<bool>())).ShouldBe([(true, false), (false, true)]);
        var stale = recorded.Single(r => r["instance_id"]!.GetValue<string>() == "demo__textutils-4");
        (stale["status"]!.GetValue<string>(), stale["reason"]!.GetValue<string>()).ShouldBe(("filtered", EvaluateStage.DoesNotApply));

        var escape = recorded.Single(r => r["instance_id"]!.GetValue<string>() == "demo__calculator-2" && r["status"]!.GetValue<string>() == "filtered");
        escape["reason"]!.GetValue<string>().ShouldBe(EvaluateStage.OutsideRepo);
        escape["detail"]!.GetValue<string>().ShouldContain("../outside.txt");

        var groups = JsonNode.Parse(BuiltOutputs.ReadText(report, options.CacheDirectory, EvaluateStage.DatasetTarget("demo"), RolloutReport.ReportFile))!["groups"]!.AsArray();
        var byGroup = groups.ToDictionary(g => $"{g!["scaffold"]} x {g["model"]}", g => g!, StringComparer.Ordinal);
        byGroup.Keys.ShouldBe(["recorded x -", "recorded x recorded-demo-model", "reference x scripted"]);
        var importedGroup = byGroup["recorded x recorded-demo-model"];
        (importedGroup["produced"]!.GetValue<int>(), importedGroup["evaluated"]!.GetValue<int>(), importedGroup["resolved"]!.GetValue<int>()).ShouldBe((5, 3, 2));
        importedGroup["filtered"]!.ToJsonString().ShouldBe("""{"patch-does-not-apply":1,"patch-outside-repo":1}""");
        // The cut-off file's model is unknown: its record counts as produced and quarantined under model '-'.
        byGroup["recorded x -"]["filtered"]!.ToJsonString().ShouldBe("""{"quarantined":1}""");
        importedGroup["cost_usd"]!.GetValue<double>().ShouldBe(0.0123 + 0.0052 + 0.0049 + 0.0071 + 0.0123, 1e-9);
        var referenceGroup = byGroup["reference x scripted"];
        (referenceGroup["produced"]!.GetValue<int>(), referenceGroup["evaluated"]!.GetValue<int>(), referenceGroup["resolved"]!.GetValue<int>()).ShouldBe((3, 3, 3));
        referenceGroup["resolved_rate"]!.GetValue<double>().ShouldBe(1.0);
        referenceGroup["total_tokens"]!.GetValue<long>().ShouldBeGreaterThan(0);
        BuiltOutputs.ReadText(report, options.CacheDirectory, EvaluateStage.DatasetTarget("demo"), RolloutReport.ReportTextFile).ShouldContain("filtered 1 x patch-outside-repo");

        var again = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(TestContext.Current.CancellationToken);
        again.ExecutedCount.ShouldBe(0);

        // A verifier change re-runs the checkers (Reproduce, Evaluate), never a rollout or a capture.
        var changed = await RewriteAsync("timeout_seconds: 300", "timeout_seconds: 301");
        var verifierChanged = await new BuildEngine(s_pipeline, changed, options).BuildAsync(TestContext.Current.CancellationToken);
        var executed = verifierChanged.Results.Where(r => r.Executed).Select(r => r.TargetId).ToList();
        executed.ShouldNotContain(id => id.StartsWith("Rollout/", StringComparison.Ordinal) || id.StartsWith("Capture/", StringComparison.Ordinal));
        executed.Count(id => id.StartsWith("Evaluate/demo__", StringComparison.Ordinal)).ShouldBe(8);
    }

    [Fact]
    public async Task Build_ExternalScaffold_RunsInTheTaskContainerAndItsNativeOutputIsCaptured()
    {
        await Requires.DockerAsync();
        var (manifest, options) = DemoWorkspace.Create(_temp, Manifest
            .Replace("""
                  recorded:
                    kind: import
                    import:
                      format: swe-agent
                      path: samples/trajectories
                """, """
                  fake:
                    kind: swe-agent
                    version: "0.0-test"
                    layer: fake-swe-agent
                    setup: [test -f /opt/scaffold/run.py]
                    command: python3 /opt/scaffold/run.py {instance_id} {problem_file} {output_dir}
                """, StringComparison.Ordinal)
            .Replace("scaffolds: [reference, recorded]", "scaffolds: [fake]", StringComparison.Ordinal));
        _temp.CopyTree(Path.Combine(AppContext.BaseDirectory, "Data", "fake-swe-agent"), "fake-swe-agent");

        var report = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(TestContext.Current.CancellationToken);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        var rows = Index(report, options).ToDictionary(r => r["id"]!.GetValue<string>(), StringComparer.Ordinal);
        var fixedOne = rows["demo__calculator-1/fake/scripted/1"];
        fixedOne["resolved"]?.GetValue<bool>().ShouldBe(true, fixedOne.ToJsonString());
        fixedOne["steps"]!.GetValue<long>().ShouldBe(2);
        // The repository's diff is collected too (the patch of a scaffold whose output has none).
        BuiltOutputs.ReadText(report, options.CacheDirectory, "Rollout/demo__calculator-1/fake/scripted/1", "raw/result/patch.diff").ShouldContain("+    return a / b\n");
        // The same edit breaks nothing elsewhere but fixes nothing either: the verifier says so, not the scaffold.
        var unchanged = rows["demo__calculator-2/fake/scripted/1"];
        (unchanged["empty_patch"]!.GetValue<bool>(), unchanged["resolved"]?.GetValue<bool>()).ShouldBe((true, false), unchanged.ToJsonString());
    }

    private static IEnumerable<JsonObject> Index(BuildReport report, BuildOptions options) =>
        BuiltOutputs.ReadText(report, options.CacheDirectory, EvaluateStage.DatasetTarget("demo"), RolloutReport.IndexFile)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject());

    private async Task<ManifestDocument> RewriteAsync(string from, string to)
    {
        var path = _temp.Combine("datasets.yaml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Replace(from, to, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        return ManifestLoader.Load(path).Document.ShouldNotBeNull();
    }
}
