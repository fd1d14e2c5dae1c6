using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Importing.Aider;

namespace TrajectoryBuild.Trajectories.Tests.Importing.Aider;

public sealed class AiderImporterTests
{
    private const string Edit = """
        # aider chat started at 2024-08-06 10:00:00

        > Aider v0.50.1  
        > Main model: gpt-4o with diff edit format  

        #### rename it  

        Renaming:

        app.py
        ```python
        <<<<<<< SEARCH
        > quoted = 1
        #### not a user line
        =======
        quoted = 2
        >>>>>>> REPLACE
        ```

        > The LLM did not conform to the edit format.  

        """;

    private readonly AiderImporter _importer = new();

    [Fact]
    public void Sample_TwoSessions_ReadsPromptEditsObservationsUsageAndFeedback()
    {
        var trajectories = Imports.Valid(_importer, TestData.Source("B_aider_chat_history_excerpt.md"));

        trajectories.Count.ShouldBe(2);
        var first = trajectories[0];
        first.Provenance.Scaffold.ShouldBe("aider");
        first.Provenance.SourcePosition.ShouldBe("line 1");
        first.Provenance.ScaffoldVersion.ShouldBe("0.47.2-dev");
        first.Provenance.Model.ShouldBe("claude-3-5-sonnet-20240620");
        first.Prompt.Select(m => m.Role).ShouldBe(["tool", "user"]);
        first.Prompt[0].Content.ShouldStartWith("/Users/gauthier/Projects/aider/.venv/bin/aider aider/utils.py\nAider v0.47.2-dev\n");
        first.Prompt[1].Content.ShouldBe("Use the Spinner instead of the inlined custom spinner");
        var step = first.Steps.ShouldHaveSingleItem();
        step.Thought.ShouldBe("Certainly! I'll modify the `run_install` function in the `aider/utils.py` file to use the `Spinner` class instead of the inline custom spinner. Here's the change:");
        step.Content!.ShouldEndWith("which provides a consistent spinner behavior across the application.");
        var edit = step.ToolCalls.ShouldHaveSingleItem();
        edit.Name.ShouldBe("edit");
        edit.Arguments["path"]!.GetValue<string>().ShouldBe("aider/utils.py");
        edit.Arguments["search"]!.GetValue<string>().ShouldStartWith("def run_install(cmd):\n    print()\n");
        edit.Arguments["search"]!.GetValue<string>().ShouldEndWith("    return False, output\n");
        edit.Arguments["replace"]!.GetValue<string>().ShouldContain("        spinner = Spinner(\"Installing...\")\n");
        edit.ArgumentsRaw!.ShouldStartWith("aider/utils.py\n```python\n<<<<<<< SEARCH\n");
        edit.ArgumentsRaw!.ShouldEndWith(">>>>>>> REPLACE\n```");
        var observation = step.Observations.ShouldHaveSingleItem();
        observation.Content.ShouldStartWith("Tokens: 5,244 sent, 604 received. Cost: $0.02 request, $0.02 session.\nApplied edit to aider/utils.py\nCommit fd43cd4");
        observation.IsError.ShouldBeFalse();
        step.Usage.ShouldBe(new(5244, 604, 5848, 0.02));
        step.Feedback.Select(m => (m.Role, m.Content)).ShouldBe([("user", "/diff"), ("user", "/ex")]);
        first.Patch.ShouldBeNull();

        var second = trajectories[1];
        second.Provenance.SourcePosition.ShouldBe("line 116");
        second.Provenance.Model.ShouldBe("gpt-4o-mini");
        second.Prompt[^1].Content.ShouldBe("hi");
        var reply = second.Steps.ShouldHaveSingleItem();
        reply.ToolCalls.ShouldBeEmpty();
        reply.Thought.ShouldBeNull();
        reply.Content!.ShouldStartWith("It seems like you want to change the greeting");
        reply.Observations.ShouldHaveSingleItem().Content.ShouldEndWith("aider/commands.py\n\n\n^C again to exit");
        reply.Usage.ShouldBe(new(12566, 84, 12650, 0.0019));
        reply.Feedback.Select(m => (m.Role, m.Content)).ShouldBe([("user", "hi"), ("tool", "^C KeyboardInterrupt")]);
    }

    [Fact]
    public void EditBlock_LinesInsideItAreTheAssistants_AndAFailedEditIsAnErrorObservation()
    {
        using var temp = new TempDirectory();

        var trajectory = Imports.OfText(_importer, temp.Path, "x.md", Edit).OfType<Imported>().ShouldHaveSingleItem().Trajectory;

        trajectory.Provenance.ScaffoldVersion.ShouldBe("0.50.1");
        trajectory.Provenance.Model.ShouldBe("gpt-4o");
        var call = trajectory.Steps.ShouldHaveSingleItem().ToolCalls.ShouldHaveSingleItem();
        call.Arguments["path"]!.GetValue<string>().ShouldBe("app.py");
        call.Arguments["search"]!.GetValue<string>().ShouldBe("> quoted = 1\n#### not a user line\n");
        call.Arguments["replace"]!.GetValue<string>().ShouldBe("quoted = 2\n");
        trajectory.Steps[0].Observations.ShouldHaveSingleItem().IsError.ShouldBeTrue();
    }

    [Fact]
    public void BadSessions_AreQuarantinedWithLine_TheOthersRead()
    {
        using var temp = new TempDirectory();
        var text = "stray text\n" + Edit + "# aider chat started at yesterday\n\n#### hi\n\n" + Edit.Replace(">>>>>>> REPLACE\n```\n\n> The LLM did not conform to the edit format.  \n", "", StringComparison.Ordinal);

        var results = Imports.OfText(_importer, temp.Path, "x.md", text);

        results.Select(r => r is Quarantined q ? $"{q.Position}: {q.Reason}" : "ok").ShouldBe(
        [
            "line 1: text outside a session: expected '# aider chat started at <yyyy-MM-dd HH:mm:ss>' before it",
            "ok",
            "line 22: expected the session start as yyyy-MM-dd HH:mm:ss, found 'yesterday'",
            "line 26, line 37: truncated: the SEARCH/REPLACE block that starts here is not closed at the end of the file",
        ]);
    }

    [Theory]
    [InlineData(".aider.chat.history.md", true)]
    [InlineData("notes.txt", false)]
    public void Accepts_MarkdownHistories(string name, bool accepted) => _importer.Accepts(name).ShouldBe(accepted);
}
