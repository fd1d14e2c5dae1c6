using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("root", new[] { "--help" })]
    [InlineData("build", new[] { "build", "--help" })]
    [InlineData("plan", new[] { "plan", "--help" })]
    [InlineData("status", new[] { "status", "--help" })]
    [InlineData("validate", new[] { "validate", "--help" })]
    [InlineData("show", new[] { "show", "--help" })]
    [InlineData("images", new[] { "images", "--help" })]
    [InlineData("import", new[] { "import", "--help" })]
    [InlineData("release", new[] { "release", "--help" })]
    [InlineData("annotate", new[] { "annotate", "--help" })]
    [InlineData("annotate-serve", new[] { "annotate", "serve", "--help" })]
    [InlineData("annotate-users-add", new[] { "annotate", "users", "add", "--help" })]
    [InlineData("annotate-load", new[] { "annotate", "load", "--help" })]
    [InlineData("annotate-export", new[] { "annotate", "export", "--help" })]
    [InlineData("annotate-status", new[] { "annotate", "status", "--help" })]
    [InlineData("annotate-convert", new[] { "annotate", "convert", "--help" })]
    public async Task Help_MatchesApprovedText(string name, string[] args)
    {
        var (code, stdout, _) = await CliRunner.RunRealAsync(args);

        code.ShouldBe(0);
        Approvals.Verify(stdout, $"help-{name}");
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError()
    {
        var (code, _, stderr) = await CliRunner.RunRealAsync("biuld");

        code.ShouldBe(2);
        stderr.ShouldContain("biuld");
        stderr.ShouldContain("Run 'trajbuild --help'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public async Task Build_BadJobs_IsAUsageError(string jobs)
    {
        var (code, _, stderr) = await CliRunner.RunRealAsync("build", "--jobs", jobs);

        code.ShouldBe(2);
        stderr.ShouldContain(jobs);
    }

    [Fact]
    public async Task Plan_UnknownStage_ListsTheValidOnes()
    {
        var (code, _, stderr) = await CliRunner.RunRealAsync("plan", "--stage", "Mien");

        code.ShouldBe(2);
        stderr.ShouldContain("error: unknown stage 'Mien'. Valid stages: Mine, Clone, Environment, Reproduce, Rollout, Capture, Evaluate, Verify, Reward, Tag, Package");
    }
}
