namespace Build.Tests.Workflows;

public sealed class WorkflowSchemaTests
{
    public static TheoryData<string> Files => [.. Workflow.Committed().Select(w => w.Name)];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task CommittedWorkflow_MatchesTheGitHubActionsWorkflowSchema(string name)
    {
        var workflow = Workflow.Load(Path.Combine(RepositoryRoot.Path, "pipelines", name));

        var errors = await GitHubWorkflowSchema.ValidateAsync(workflow);

        errors.ShouldBeEmpty($"{name} does not match SchemaStore's github-workflow.json:\n{string.Join('\n', errors)}");
    }

    // The schema must be able to say no: a workflow with the mistakes it exists to catch.
    [Theory]
    [InlineData("runs-on: ubuntu-latest", "runs_on: ubuntu-latest")]
    [InlineData("timeout-minutes: 60", "timeout-minutes: an hour")]
    [InlineData("contents: read", "contents: maybe")]
    [InlineData("fail-fast: true", "fail-fast: 'yes'")]
    [InlineData("    steps:", "    stepz:")]
    public async Task Schema_RejectsAWorkflowWithAMistake(string valid, string invalid)
    {
        var text = """
            name: mistakes
            on:
              push:
                branches: [main]
            permissions:
              contents: read
            jobs:
              build:
                runs-on: ubuntu-latest
                timeout-minutes: 60
                strategy:
                  fail-fast: true
                  matrix:
                    shard: ['1/2', '2/2']
                steps:
                  - run: ./build.sh Build
            """;
        (await GitHubWorkflowSchema.ValidateAsync(Workflow.Parse("mistakes.yml", text))).ShouldBeEmpty();

        var errors = await GitHubWorkflowSchema.ValidateAsync(Workflow.Parse("mistakes.yml", text.Replace(valid, invalid, StringComparison.Ordinal)));

        errors.ShouldNotBeEmpty();
    }
}
