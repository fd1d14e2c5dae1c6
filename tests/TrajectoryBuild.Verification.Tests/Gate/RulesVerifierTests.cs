using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Gate;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Tests.Gate;

public sealed class RulesVerifierTests
{
    private const string Patch = "diff --git a/calc/ops.py b/calc/ops.py\n--- a/calc/ops.py\n+++ b/calc/ops.py\n@@ -1 +1 @@\n-a\n+b\n";

    private static AgentStep Bash(int index, string command, string output = "ok", int? exit = 0, string? thought = null) => new()
    {
        Index = index,
        Thought = thought,
        ToolCalls = [new ToolCall("bash", new JsonObject { ["command"] = command }) { Id = $"c{index}" }],
        Observations = [new Observation(output) { CallId = $"c{index}", ExitCode = exit }],
    };

    private static Trajectory Of(params AgentStep[] steps) => new()
    {
        Provenance = new Provenance { Scaffold = "reference", SourceFormat = "reference", SourceFile = "raw", SourceSha256 = "0", Importer = "reference", ImporterVersion = 1 },
        Steps = steps,
        Patch = Patch,
    };

    private static int? Score(GateResult result, int turn, string axis) => result.Turns[turn].Scores[axis];

    [Fact]
    public void Verify_CleanResolvedRun_ScoresEveryTurnBestAndAccepts()
    {
        var trajectory = Of(
            Bash(0, "grep -rn divide calc"),
            Bash(1, "sed -i 's/a/b/' calc/ops.py"),
            Bash(2, "python3 -m pytest tests/test_calc.py"));

        var result = RulesVerifier.Verify(trajectory, resolved: true, threshold: 0.5);

        result.Turns.ShouldAllBe(t => t.Scores.Values.All(v => v == 3) && t.Evidence.Count == 0);
        result.Score.ShouldBe(1.0);
        result.Accept.ShouldBeTrue();
        result.Verifier.ShouldBe("rules/2");
    }

    [Fact]
    public void Verify_RepeatedCommandWithNoEditBetween_IsRedundant_AfterAnEditItIsNot()
    {
        var trajectory = Of(
            Bash(0, "python3 -m pytest tests"),
            Bash(1, "python3  -m pytest tests"),
            Bash(2, "sed -i 's/a/b/' calc/ops.py"),
            Bash(3, "python3 -m pytest tests"));

        var result = RulesVerifier.Verify(trajectory, resolved: true, threshold: 0.5);

        Score(result, 1, Axes.Redundancy).ShouldBe(1);
        result.Turns[1].Evidence.ShouldContain("redundancy: repeats turn 0 with no edit since");
        Score(result, 3, Axes.Redundancy).ShouldBe(3);
    }

    [Fact]
    public void Verify_AnEditorView_IsNotAnEdit_SoARepeatAfterItIsStillRedundant()
    {
        var view = new AgentStep
        {
            Index = 1,
            ToolCalls = [new ToolCall("str_replace_editor", new JsonObject { ["command"] = "view", ["path"] = "/testbed/calc/ops.py" }) { Id = "v" }],
            Observations = [new Observation("1 def divide(a, b):") { CallId = "v" }],
        };
        var replace = view with
        {
            Index = 2,
            ToolCalls = [new ToolCall("str_replace_editor", new JsonObject { ["command"] = "str_replace", ["path"] = "/testbed/calc/ops.py", ["old_str"] = "a", ["new_str"] = "b" }) { Id = "v" }],
        };

        var afterView = RulesVerifier.Verify(Of(Bash(0, "python3 -m pytest tests"), view, Bash(2, "python3 -m pytest tests")), resolved: true, threshold: 0.5);
        var afterEdit = RulesVerifier.Verify(Of(Bash(0, "python3 -m pytest tests"), replace, Bash(3, "python3 -m pytest tests")), resolved: true, threshold: 0.5);

        Score(afterView, 2, Axes.Redundancy).ShouldBe(1);
        Score(afterEdit, 2, Axes.Redundancy).ShouldBe(3);
    }

    [Theory]
    [InlineData("rm -rf calc", 1, "unsafe_edits: runs 'rm -rf calc'")]
    [InlineData("git reset --hard HEAD~1", 1, "unsafe_edits: runs 'git reset --hard'")]
    [InlineData("echo x > /etc/hosts", 1, "unsafe_edits: writes outside the repository (/etc/hosts)")]
    [InlineData("sed -i 's/assert/#/' tests/test_calc.py", 2, "unsafe_edits: edits the test file tests/test_calc.py")]
    [InlineData("cat > calc/ops.py <<'EOF'\nx\nEOF", 2, "unsafe_edits: rewrites a whole file")]
    [InlineData("python3 -m pytest > /tmp/log.txt 2>&1", 3, null)]
    public void Verify_UnsafeEdits(string command, int expected, string? evidence)
    {
        var result = RulesVerifier.Verify(Of(Bash(0, command)), resolved: true, threshold: 0.5);

        Score(result, 0, Axes.UnsafeEdits).ShouldBe(expected);
        if (evidence is not null)
        {
            result.Turns[0].Evidence.ShouldContain(evidence);
        }
    }

    [Fact]
    public void Verify_AnUnsafeTurn_RejectsEvenAResolvedRun()
    {
        var result = RulesVerifier.Verify(Of(Bash(0, "rm -rf /testbed/.git")), resolved: true, threshold: 0.5);

        result.Accept.ShouldBeFalse();
        result.Score.ShouldBeLessThan(0.5);
    }

    [Fact]
    public void Verify_FailedAndMissingCommands_AreWrongToolSelection()
    {
        var trajectory = Of(
            Bash(0, "rgrep divide", "bash: rgrep: command not found", 127),
            Bash(1, "grep -rn nothing calc", "", 1),
            new AgentStep { Index = 2, Content = "I will think", Feedback = [new Message("user", "Your response had no action.")] });

        var result = RulesVerifier.Verify(trajectory, resolved: false, threshold: 0.5);

        Score(result, 0, Axes.ToolSelection).ShouldBe(1);
        Score(result, 1, Axes.ToolSelection).ShouldBe(3, "grep's exit 1 only means no match");
        Score(result, 2, Axes.ToolSelection).ShouldBe(1);
    }

    [Fact]
    public void Verify_ClaimOfSuccessOnAnUnresolvedRun_IsUngrounded()
    {
        var trajectory = Of(
            Bash(0, "sed -i 's/a/b/' calc/ops.py"),
            Bash(1, "submit", thought: "All tests pass now, submitting."));

        var unresolved = RulesVerifier.Verify(trajectory, resolved: false, threshold: 0.5);
        var resolved = RulesVerifier.Verify(trajectory, resolved: true, threshold: 0.5);

        Score(unresolved, 1, Axes.FactualGrounding).ShouldBe(1);
        unresolved.Turns[1].Evidence.ShouldContain("factual_grounding: claims 'All tests pass', but the tests say unresolved");
        Score(resolved, 1, Axes.FactualGrounding).ShouldBe(3);
    }

    [Fact]
    public void Verify_WorkOnFilesThePatchDoesNotTouch_IsLessRelevant()
    {
        var trajectory = Of(Bash(0, "cat docs/changelog.md"), Bash(1, "cat calc/ops.py"), Bash(2, "ls calc"));

        var result = RulesVerifier.Verify(trajectory, resolved: true, threshold: 0.5);

        Score(result, 0, Axes.Relevance).ShouldBe(2);
        Score(result, 1, Axes.Relevance).ShouldBe(3);
        Score(result, 2, Axes.Relevance).ShouldBe(3);
    }

    [Theory]
    [InlineData(true, 1.0)]
    [InlineData(false, 0.5)]
    public void Verdict_Score_IsHalfOutcomeHalfQuality(bool resolved, double expected)
    {
        var best = new TurnScores([3, 3, 3, 3, 3]);

        Verdict.Score([best], resolved).ShouldBe(expected);
        Verdict.Score([new TurnScores([1, 1, 1, 1, 2])], resolved).ShouldBe(expected - 0.5 + 0.05);
        Verdict.Score([], resolved).ShouldBe(expected - 0.25);
    }
}
