using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels.Formats;

namespace TrajectoryBuild.Verification.Tests.Labels.Formats;

public sealed class TurnTextTests
{
    [Fact]
    public void Fold_LongText_KeepsHeadAndTailAndCountsTheRest()
    {
        var text = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"l{i}"));

        TurnText.Fold(text, maxLines: 4).ShouldBe("l1\nl2\n[... 6 lines folded ...]\nl9\nl10");
        TurnText.Fold(text, maxLines: 10).ShouldBe(text);
    }

    [Fact]
    public void Render_ShellCallEditorCallAndFailedObservation_ReadAsText()
    {
        var step = new AgentStep
        {
            Index = 4,
            Content = "  I will edit the file.  ",
            ToolCalls =
            [
                new ToolCall("bash", new JsonObject { ["command"] = "pytest -x tests/test_a.py" }),
                new ToolCall("edit", new JsonObject { ["path"] = "a.py", ["line"] = 3 }),
                new ToolCall("edit", []) { ArgumentsRaw = "{path: a.py", ParseError = "bad JSON" },
            ],
            Observations = [new Observation("Traceback\r\nboom") { ExitCode = 2, IsError = true }],
            Feedback = [new Message("user", "Your command ran out of time.")],
        };

        TurnText.Render(step).ShouldBe(
            """
            ## Thought
            I will edit the file.

            ## Tool calls
            $ pytest -x tests/test_a.py
            [edit]
            path: a.py
            line: 3
            [edit]
            (arguments not parsed: bad JSON)
            {path: a.py

            ## Observation
            [exit 2][error]
            Traceback
            boom

            [user] Your command ran out of time.
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Context_ListsTheIssueAndEarlierTurnsOnly()
    {
        var trajectory = new Trajectory
        {
            Provenance = FormatSamples.Trajectory("x", 1).Provenance,
            Prompt = [new Message("system", "sys"), new Message("user", "The issue.")],
            Steps =
            [
                new AgentStep { Index = 0, ToolCalls = [new ToolCall("bash", new JsonObject { ["command"] = "ls" })] },
                new AgentStep { Index = 1, Thought = "Think\nmore" },
                new AgentStep { Index = 2, Thought = "Later" },
            ],
        };

        TurnText.Context(trajectory, 2).ShouldBe("Issue:\nThe issue.\n\nEarlier turns:\n0: $ ls\n1: Think");
    }
}
