using System.Text.Json.Nodes;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rewards.Stages;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Rewards.Tests.Stages;

/// <summary>
/// Stages 6-7 on the embedded demo, for real (stages 1-5 first): a reward for every evaluated trajectory with a label and
/// evidence per step, a failure class for every failed one, and a rule change that re-runs only Reward and Tag targets.
/// </summary>
public sealed class StagesSixSevenTests : IDisposable
{
    private static readonly string s_manifest = DemoManifest.With("""
        verification:
          grading: {stability_runs: 1}
        rewards:
          rules_version: 1
          process:
            sources: [human, heuristics, monte_carlo]
        """);

    private static readonly Pipeline s_pipeline = new(
    [
        new MineStage(), new CloneStage(), new EnvironmentStage(), new ReproduceStage(), new RolloutStage(), new CaptureStage(), new EvaluateStage(),
        new VerifyStage(), new RewardStage(), new TagStage(),
    ]);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_Demo_RewardsEveryEvaluatedTrajectory_TagsEveryFailedOne_AndARuleChangeRerunsOnlyStagesSixAndSeven()
    {
        await Requires.DockerAsync();
        var (manifest, options) = DemoWorkspace.Create(_temp, s_manifest);
        var cancel = TestContext.Current.CancellationToken;

        var first = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(cancel);

        first.Succeeded.ShouldBeTrue(string.Join("\n", first.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        var rows = BuiltOutputs.ReadText(first, options.CacheDirectory, EvaluateStage.DatasetTarget("demo"), RolloutReport.IndexFile)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var evaluated = rows.Where(r => r["status"]!.GetValue<string>() == "evaluated").ToList();
        var failed = rows.Where(r => r["status"]!.GetValue<string>() == "filtered" || r["resolved"]?.GetValue<bool>() == false).ToList();
        Targets(first, "Reward/demo__").Count.ShouldBe(evaluated.Count);
        Targets(first, "Tag/demo__").Count.ShouldBe(failed.Count);
        failed.Count.ShouldBeGreaterThan(0, "the demo has unresolved and filtered runs");

        foreach (var row in evaluated)
        {
            var id = row["id"]!.GetValue<string>();
            var text = Read(first, options, $"Reward/{id}", RewardStage.RecordFile);
            text.ShouldEndWith("}\n", Case.Sensitive, "one JSON document and one newline");
            var reward = JsonNode.Parse(text)!;
            var resolved = row["resolved"]!.GetValue<bool>();
            reward["outcome"]!["reward"]!.GetValue<double>().ShouldBe(resolved ? 1.0 : 0.0, id);
            var steps = reward["steps"]!.AsArray();
            steps.Count.ShouldBe(row["steps"]!.GetValue<int>(), id);
            steps.ShouldAllBe(s => s!["label"]!.GetValue<int>() >= -1 && s["label"]!.GetValue<int>() <= 1 && s["source"] != null);
        }

        foreach (var row in failed)
        {
            var id = row["id"]!.GetValue<string>();
            var tag = JsonNode.Parse(Read(first, options, $"Tag/{id}", TagStage.RecordFile))!;
            (tag["class"] is not null || tag["infrastructure"]!.GetValue<bool>()).ShouldBeTrue(id);
            tag["evidence"]!.AsArray().Count.ShouldBeGreaterThan(0, id);
        }

        Read(first, options, TagStage.DatasetTarget("demo"), TagStage.ReportTextFile).ShouldContain("Failure classes of dataset demo");
        Read(first, options, RewardStage.DatasetTarget("demo"), RewardStage.ReportTextFile).ShouldContain("Rewards of dataset demo");

        // A reward rule changes: only Reward and Tag targets run again.
        File.WriteAllText(manifest.Path, s_manifest.Replace("rules_version: 1", "rules_version: 2", StringComparison.Ordinal));
        var changed = ManifestLoader.Load(manifest.Path).Document!;
        var second = await new BuildEngine(s_pipeline, changed, options).BuildAsync(cancel);

        second.Succeeded.ShouldBeTrue();
        var executed = second.Results.Where(r => r.Executed).Select(r => r.TargetId).ToList();
        executed.ShouldNotBeEmpty();
        executed.ShouldAllBe(id => id.StartsWith("Reward/", StringComparison.Ordinal) || id.StartsWith("Tag/", StringComparison.Ordinal));
        executed.Count(id => id.StartsWith("Reward/demo__", StringComparison.Ordinal)).ShouldBe(evaluated.Count);
    }

    private static List<string> Targets(BuildReport report, string prefix) =>
        [.. report.Results.Where(r => r.TargetId.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.TargetId)];

    private static string Read(BuildReport report, BuildOptions options, string target, string file) =>
        BuiltOutputs.ReadText(report, options.CacheDirectory, target, file);
}
