using System.Text.Json.Nodes;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Sampling;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Verification.Tests.Stages;

/// <summary>
/// Stage 5 on the embedded demo, for real (stages 1-4 in containers first): the gate scores every evaluated trajectory,
/// the slice is drawn, human labels come in as hashed inputs and win over the gate, and changing one trajectory's labels
/// re-runs only that trajectory's Verify target and the dataset report.
/// </summary>
public sealed class StageFiveTests : IDisposable
{
    private static readonly string s_manifest = DemoManifest.With("""
        verification:
          grading: {stability_runs: 1}
          human:
            fraction: 0.15
            overlap: {annotators: 2, fraction: 1}
            labels: labels.jsonl
        """);

    private static readonly Pipeline s_pipeline = new([new MineStage(), new CloneStage(), new EnvironmentStage(), new ReproduceStage(), new RolloutStage(), new CaptureStage(), new EvaluateStage(), new VerifyStage()]);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_Demo_GatesEveryTrajectory_HumanLabelsWin_AndOneTrajectorysLabelsRerunOnlyIt()
    {
        await Requires.DockerAsync();
        var (manifest, options) = DemoWorkspace.Create(_temp, s_manifest);
        var labels = Path.Combine(manifest.BaseDirectory, "labels.jsonl");
        File.WriteAllText(labels, "");
        var cancel = TestContext.Current.CancellationToken;

        var first = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(cancel);

        first.Succeeded.ShouldBeTrue(string.Join("\n", first.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        var evaluated = first.Results.Where(r => r.TargetId.StartsWith("Evaluate/demo__", StringComparison.Ordinal)).Select(r => r.TargetId["Evaluate/".Length..]).ToList();
        var verified = first.Results.Where(r => r.TargetId.StartsWith("Verify/demo__", StringComparison.Ordinal)).Select(r => r.TargetId["Verify/".Length..]).ToList();
        verified.Count.ShouldBe(6, "8 captured, 2 filtered by Evaluate (patch outside the repo, patch that does not apply)");
        verified.ShouldBeSubsetOf(evaluated);
        first.Results.Count(r => r.TargetId.StartsWith("Verify/gate/", StringComparison.Ordinal)).ShouldBe(6);
        var slice = Read(first, options, VerifyStage.DatasetTarget("demo"), VerifyStage.SliceFileName).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        slice.Length.ShouldBe(1, "15% of 6, at least one");
        var picked = JsonNode.Parse(slice[0])!;
        picked["annotators"]!.GetValue<int>().ShouldBe(2);
        picked["trajectory"]!["steps"]!.AsArray().Count.ShouldBeGreaterThan(0);
        picked["gate_turns"]!.AsArray().Count.ShouldBe(picked["trajectory"]!["steps"]!.AsArray().Count);
        var id = picked["trajectory_id"]!.GetValue<string>();
        Verdict(first, options, id)["source"]!.GetValue<string>().ShouldBe("gate");

        // Two annotators label the picked trajectory: their labels win over the gate, and agreement is measured.
        var steps = picked["trajectory"]!["steps"]!.AsArray().Count;
        LabelsJsonl.WriteFile(labels, [Labelled(id, "alice", steps, 3), Labelled(id, "bob", steps, 3, lastTurnGrounding: 1)]);
        var second = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(cancel);

        Executed(second).ShouldBe([VerifyStage.DatasetTarget("demo"), $"Verify/{id}"]);
        var verdict = Verdict(second, options, id);
        verdict["source"]!.GetValue<string>().ShouldBe("human");
        verdict["annotators"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["alice", "bob"]);
        verdict["turns"]!.AsArray()[steps - 1]!["factual_grounding"]!.GetValue<int>().ShouldBe(1, "the lower median of 3 and 1");
        var report = JsonNode.Parse(Read(second, options, VerifyStage.DatasetTarget("demo"), VerifyStage.ReportFile))!;
        report["slice"]!["labelled"]!.GetValue<int>().ShouldBe(1);
        var grounding = report["agreement"]!["axes"]!.AsArray().Single(a => a!["axis"]!.GetValue<string>() == Axes.FactualGrounding)!;
        grounding["items"]!.GetValue<int>().ShouldBe(steps);
        grounding["metrics"]!["percent_agreement"]!["value"]!.GetValue<double>().ShouldBe(Math.Round((steps - 1.0) / steps, 4));
        report["gate"]!["accuracy"]!["trajectories"]!.GetValue<int>().ShouldBe(1);
        Read(second, options, VerifyStage.DatasetTarget("demo"), VerifyStage.ReportTextFile).ShouldContain("Agreement on the random part (target: cohen_kappa >= 0.780)");

        // Only bob's comment changes: the same trajectory again, nothing else; rewriting identical labels runs nothing.
        LabelsJsonl.WriteFile(labels, [Labelled(id, "alice", steps, 3), Labelled(id, "bob", steps, 3, lastTurnGrounding: 2)]);
        var third = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(cancel);
        Executed(third).ShouldBe([VerifyStage.DatasetTarget("demo"), $"Verify/{id}"]);
        var fourth = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(cancel);
        Executed(fourth).ShouldBeEmpty();
    }

    [Fact]
    public async Task Build_ModelGate_AsksTheScriptedModel_AndAPromptChangeRerunsOnlyStageFive()
    {
        await Requires.DockerAsync();
        var text = s_manifest
            .Replace("    labels: labels.jsonl\n", "", StringComparison.Ordinal)
            .Replace("  human:\n", "  gate: {kind: model, model: judge, prompt: judge.md}\n  human:\n", StringComparison.Ordinal)
            .Replace("models:\n", "models:\n  judge: {scripted: judge, model: judge-1}\n", StringComparison.Ordinal);
        var (manifest, options) = DemoWorkspace.Create(_temp, text);
        var judge = Directory.CreateDirectory(Path.Combine(manifest.BaseDirectory, "judge")).FullName;
        var answer = "{\"turns\": [{\"turn\": 0, \"relevance\": 3, \"factual_grounding\": 2, \"tool_selection\": 3, \"redundancy\": 3, \"unsafe_edits\": 3, \"evidence\": \"a guess\"}]}";
        File.WriteAllText(Path.Combine(judge, "all.json"), ScriptedJudge.Responses(answer));
        var prompt = Path.Combine(manifest.BaseDirectory, "judge.md");
        File.WriteAllText(prompt, "Score every turn. Answer JSON.");
        var cancel = TestContext.Current.CancellationToken;

        var first = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(cancel);

        first.Succeeded.ShouldBeTrue(string.Join("\n", first.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        var gates = first.Results.Where(r => r.TargetId.StartsWith("Verify/gate/", StringComparison.Ordinal)).Select(r => r.TargetId).ToList();
        gates.Count.ShouldBe(6);
        var gate = JsonNode.Parse(Read(first, options, gates[0], VerifyStage.GateFile))!;
        gate["verifier"]!.GetValue<string>().ShouldStartWith("model/judge/");
        gate["response"]!.GetValue<string>().ShouldBe(answer);
        gate["turns"]!.AsArray()[0]!["factual_grounding"]!.GetValue<int>().ShouldBe(2);
        gate["turns"]!.AsArray()[0]!["evidence"]!.AsArray().Single()!.GetValue<string>().ShouldBe("a guess");

        File.WriteAllText(prompt, "Score every turn strictly. Answer JSON.");
        var second = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(cancel);

        second.Results.Where(r => r.Executed).ShouldAllBe(r => r.TargetId.StartsWith("Verify/", StringComparison.Ordinal));
        second.Results.Count(r => r.Executed && r.TargetId.StartsWith("Verify/gate/", StringComparison.Ordinal)).ShouldBe(6);
    }

    [Fact]
    public void SliceFile_RoundTrips()
    {
        var trajectory = new Trajectories.Model.Trajectory
        {
            Id = "t1",
            Provenance = new() { Scaffold = "reference", SourceFormat = "reference", SourceFile = "raw", SourceSha256 = "00", Importer = "reference", ImporterVersion = 1 },
            Steps = [new Trajectories.Model.AgentStep { Index = 0, Thought = "look <script>" }],
        };
        var items = new[] { new SliceItem("t1", "r|s|m|resolved|short", SliceReason.Uncertainty, 1, trajectory) { Outcome = "resolved", GateScore = 0.55, GateVerifier = "rules/1", GateTurns = [new TurnScores([3, null, 2, 3, 1])] } };
        var path = Path.Combine(_temp.Path, "slice.jsonl");
        File.WriteAllBytes(path, SliceFile.ToUtf8(items));

        var read = SliceFile.Read(path);

        read.Single().ShouldSatisfyAllConditions(
            i => i.TrajectoryId.ShouldBe("t1"),
            i => i.Reason.ShouldBe(SliceReason.Uncertainty),
            i => i.GateScore.ShouldBe(0.55),
            i => i.GateVerifier.ShouldBe("rules/1"),
            i => i.GateTurns.ShouldBe([new TurnScores([3, null, 2, 3, 1])]),
            i => i.Trajectory.Steps[0].Thought.ShouldBe("look <script>"));
        SliceFile.ToUtf8(read).ShouldBe(File.ReadAllBytes(path));
    }

    private static TrajectoryAnnotation Labelled(string id, string annotator, int steps, int score, int? lastTurnGrounding = null) =>
        new(id, annotator, AnnotationKind.Human,
        [
            .. Enumerable.Range(0, steps).Select(t => new TurnLabel(
                t, new TurnScores([score, t == steps - 1 && lastTurnGrounding is { } g ? g : score, score, score, score]))),
        ]);

    private static List<string> Executed(BuildReport report) =>
        [.. report.Results.Where(r => r.Executed).Select(r => r.TargetId).Order(StringComparer.Ordinal)];

    private static JsonNode Verdict(BuildReport report, BuildOptions options, string id) =>
        JsonNode.Parse(Read(report, options, $"Verify/{id}", VerifyStage.RecordFile))!;

    private static string Read(BuildReport report, BuildOptions options, string target, string file) =>
        BuiltOutputs.ReadText(report, options.CacheDirectory, target, file);
}
