using System.Text.Json.Nodes;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Reproduction.Tests.Stages;

/// <summary>Stage 2 on the embedded demo: real Docker, a debootstrapped image, the demo's real bugs and fixes.</summary>
public sealed class StageTwoTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_DemoTasks_ReproduceWithTheirDeclaredFailToPassAndPassToPass()
    {
        await Requires.DockerAsync();
        var (manifest, options) = DemoWorkspace.Create(_temp, """
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
            verification:
              grading:
                stability_runs: 1
            datasets:
              demo:
                sources: [demo-local]
            """);
        var pipeline = new Pipeline([new MineStage(), new CloneStage(), new EnvironmentStage(), new ReproduceStage()]);

        var report = await new BuildEngine(pipeline, manifest, options).BuildAsync(TestContext.Current.CancellationToken);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        foreach (var (id, failToPass) in new[]
        {
            ("demo__calculator-1", "tests/test_calc.py::test_divide_returns_float"),
            ("demo__calculator-2", "tests/test_calc.py::test_mean"),
            ("demo__textutils-4", "tests/test_textutils.py::test_slugify_punctuation"),
        })
        {
            var validation = JsonNode.Parse(BuiltOutputs.ReadText(report, options.CacheDirectory, $"Reproduce/{id}", ReproduceStage.ReportFile))!;
            validation["accepted"]!.GetValue<bool>().ShouldBeTrue(validation.ToJsonString());
            validation["FAIL_TO_PASS"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe([failToPass]);
        }

        var summary = ReproduceStage.DatasetTarget("demo");
        BuiltOutputs.ReadText(report, options.CacheDirectory, summary, ValidationSummary.ReportTextFile).ShouldBe("Validation report for dataset demo: 3 tasks, 3 reproduced, 0 rejected, 0 infrastructure failures\n");
        JsonNode.Parse(BuiltOutputs.ReadText(report, options.CacheDirectory, summary, ValidationSummary.ValidatedFile))!.AsArray().Select(v => v!["instance_id"]!.GetValue<string>())
            .ShouldBe(["demo__calculator-1", "demo__calculator-2", "demo__textutils-4"]);

        var again = await new BuildEngine(pipeline, manifest, options).BuildAsync(TestContext.Current.CancellationToken);
        again.ExecutedCount.ShouldBe(0);

        // A verifier change (here the timeout) re-runs each task's Reproduce and nothing upstream; the same verdicts
        // give the same outputs, so the dataset summary is cut off early.
        var manifestPath = _temp.Combine("datasets.yaml");
        await File.WriteAllTextAsync(manifestPath, (await File.ReadAllTextAsync(manifestPath, TestContext.Current.CancellationToken)).Replace("timeout_seconds: 300", "timeout_seconds: 301", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var changed = ManifestLoader.Load(manifestPath).Document.ShouldNotBeNull();
        var verifierChanged = await new BuildEngine(pipeline, changed, options).BuildAsync(TestContext.Current.CancellationToken);
        verifierChanged.Results.Where(r => r.Executed).Select(r => r.TargetId).ShouldBe(["Reproduce/demo__calculator-1", "Reproduce/demo__calculator-2", "Reproduce/demo__textutils-4"], ignoreOrder: true);
    }

    [Fact]
    public async Task Build_NoEnvironmentAppliesToTheRepository_RejectsTheTaskVisibly()
    {
        var (manifest, options) = DemoWorkspace.Create(_temp, """
            version: 1
            sources:
              demo-local:
                kind: local
                path: samples/tasks
            environments:
              java:
                base:
                  suite: bookworm
                repos: ["other/*"]
                test:
                  command: mvn test
                  parser: pytest
            datasets:
              demo:
                sources: [demo-local]
            """);

        var report = await new BuildEngine(new Pipeline([new MineStage(), new CloneStage(), new ReproduceStage()]), manifest, options).BuildAsync(TestContext.Current.CancellationToken);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        var validation = JsonNode.Parse(BuiltOutputs.ReadText(report, options.CacheDirectory, "Reproduce/demo__calculator-1", ReproduceStage.ReportFile))!;
        validation["accepted"]!.GetValue<bool>().ShouldBeFalse();
        validation["rejection"]!["reason"]!.GetValue<string>().ShouldBe("no-environment");
        validation["rejection"]!["detail"]!.GetValue<string>().ShouldBe("no environment of dataset demo applies to demo/calculator (its environments: java); add the repository to one's 'repos'");
        BuiltOutputs.ReadText(report, options.CacheDirectory, ReproduceStage.DatasetTarget("demo"), ValidationSummary.ReportTextFile).ShouldStartWith(
            "Validation report for dataset demo: 3 tasks, 0 reproduced, 3 rejected, 0 infrastructure failures\n  rejected, no-environment: 3\n    demo__calculator-1: no environment of dataset demo applies to demo/calculator");
    }
}
