using System.Text.Json.Nodes;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Reproduction.Tests.Stages;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Rollouts.Tests.Evaluation;

/// <summary>
/// The agent-patch door end to end: recorded SWE-agent runs of a demo task whose submissions were made hostile or
/// mangled, imported, captured and evaluated by a real build with the local executor (the host's python3-pytest, no
/// Docker Engine needed). Each comes out of Evaluate with the verdict and the reason the patch check gave.
/// </summary>
public sealed class EvaluatePatchDoorTests : IDisposable
{
    private const string Task = "demo__calculator-2";
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
              timeout_seconds: 120
            executor: local
        scaffolds:
          recorded:
            kind: import
            import:
              format: swe-agent
              path: samples/hostile
        verification:
          grading:
            stability_runs: 1
        datasets:
          demo:
            sources: [demo-local]
            rollouts:
              scaffolds: [recorded]
        """;

    private static readonly Pipeline s_pipeline = new([new MineStage(), new CloneStage(), new EnvironmentStage(), new ReproduceStage(), new RolloutStage(), new CaptureStage(), new EvaluateStage()]);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_HostileAndMangledAgentPatches_AreEvaluatedOrFilteredWithTheCheckReason()
    {
        RequiresLocal.Pytest();
        var (manifest, options) = DemoWorkspace.Create(_temp, Manifest);
        var tasks = _temp.Combine("samples", "tasks", "tasks.jsonl");
        File.WriteAllLines(tasks, File.ReadAllLines(tasks).Where(l => l.Contains($"\"instance_id\": \"{Task}\"", StringComparison.Ordinal)));
        var fix = DemoTasks.Row(Task)["patch"]!.GetValue<string>();
        var cases = new Dictionary<string, (string Patch, string Status, string? Reason, string Detail)>(StringComparer.Ordinal)
        {
            ["crlf"] = (fix.ReplaceLineEndings("\r\n"), "evaluated", null, ""),
            ["binary"] = (fix + "diff --git a/blob.bin b/blob.bin\nnew file mode 100644\nindex 0000000000000000000000000000000000000000..b43761b27df02a0c6c305120d37445368d1ac5e1\nGIT binary patch\nliteral 10\nRcmZQzWJ=1+ODwAV4*(1}1Bd_s\n\nliteral 0\nHcmV?d00001\n\n", "filtered", EvaluateStage.DoesNotApply, "refused: 'blob.bin' is a binary patch"),
            ["through-link"] = ("diff --git a/lnk b/lnk\nnew file mode 120000\n--- /dev/null\n+++ b/lnk\n@@ -0,0 +1 @@\n+.\n\\ No newline at end of file\n" + fix.Replace("a/calc.py", "a/lnk/calc.py", StringComparison.Ordinal).Replace("b/calc.py", "b/lnk/calc.py", StringComparison.Ordinal), "filtered", EvaluateStage.OutsideRepo, "path 'lnk/calc.py' goes through the symlink 'lnk' that the patch creates"),
            ["link-to-git"] = ("diff --git a/hooks b/hooks\nnew file mode 120000\n--- /dev/null\n+++ b/hooks\n@@ -0,0 +1 @@\n+.git/hooks\n\\ No newline at end of file\n" + fix, "filtered", EvaluateStage.OutsideRepo, "symlink 'hooks' would point into the .git folder (to '.git/hooks')"),
        };
        using var row = ReliabilityRecord.Start("Bad input: patches", $"recorded agent runs of {Task} through a real build (Import, Capture, Evaluate with the local executor): the fixing patch with CRLF line ends, with a binary file added, written through a symlink it creates, with a symlink into .git");
        var recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "trajectories", Task, $"{Task}.traj")))!;
        foreach (var (name, (patch, _, _, _)) in cases)
        {
            var copy = recorded.DeepClone();
            copy["info"]!["submission"] = patch;
            Directory.CreateDirectory(_temp.Combine("samples", "hostile", name));
            File.WriteAllText(_temp.Combine("samples", "hostile", name, $"{Task}.traj"), copy.ToJsonString());
        }

        var report = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(TestContext.Current.CancellationToken);

        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        var records = BuiltOutputs.ReadText(report, options.CacheDirectory, EvaluateStage.DatasetTarget("demo"), RolloutReport.IndexFile)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
        foreach (var (name, (_, status, reason, detail)) in cases)
        {
            var evaluated = records.Single(r => r["capture"]!.GetValue<string>().Contains($"/{name}/", StringComparison.Ordinal));
            evaluated["status"]!.GetValue<string>().ShouldBe(status, $"{name}: {evaluated.ToJsonString()}");
            evaluated["reason"]?.GetValue<string>().ShouldBe(reason, name);
            if (reason is null)
            {
                evaluated["resolved"]!.GetValue<bool>().ShouldBeTrue($"{name}: {evaluated.ToJsonString()}");
            }
            else
            {
                evaluated["detail"]!.GetValue<string>().ShouldStartWith(detail, Case.Sensitive, name);
            }

            row.Case();
        }

        row.Passed("the CRLF patch evaluated and resolved (its LF form, which the check found to apply, is what the executor applied); the binary one filtered patch-does-not-apply "
            + "(\"refused: 'blob.bin' is a binary patch\"); the two symlink ones filtered patch-outside-repo, each with the check's reason; the build itself succeeded");
    }
}
