using System.Text;
using Build.Host;
using Build.Parameters;
using Build.Targets;
using Build.Workflows;

namespace Build.Tests.Workflows;

public sealed class WorkflowDriftTests
{
    [Fact]
    public void Generate_EqualsTheCommittedWorkflows_ByteForByte()
    {
        var problems = new List<string>();
        foreach (var file in WorkflowFiles.Generate())
        {
            var copy = $"{WorkflowFiles.GitHubFolder}/{Path.GetFileName(file.RelativePath)}";
            // The copy GitHub runs, when the repository has one, must not drift either.
            var paths = File.Exists(Path.Combine(RepositoryRoot.Path, copy)) ? new[] { file.RelativePath, copy } : [file.RelativePath];
            foreach (var path in paths)
            {
                var full = Path.Combine(RepositoryRoot.Path, path);
                if (!File.Exists(full))
                {
                    problems.Add($"{path} is missing");
                    continue;
                }

                var committed = File.ReadAllBytes(full);
                if (!committed.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(file.Text)))
                {
                    problems.Add($"{path} differs from what the build host generates (- committed, + generated):\n{Approvals.Diff(Encoding.UTF8.GetString(committed), file.Text)}");
                }
            }
        }

        problems.ShouldBeEmpty(
            "The workflows drifted from the build host's targets and parameters: run ./build.sh Workflows, copy the files you use "
            + $"into {WorkflowFiles.GitHubFolder}/, and commit them.\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void Generate_IsDeterministic()
    {
        WorkflowFiles.Generate().ShouldBe(WorkflowFiles.Generate());
    }

    [Fact]
    public void HostCommand_TargetTheHostDoesNotHave_StopsTheGenerator()
    {
        Should.Throw<InvalidOperationException>(() => HostCommand.Target("Pakage"))
            .Message.ShouldBe("the workflows run ./build.sh Pakage, and the build host has no target Pakage");
    }

    [Fact]
    public async Task WorkflowsTarget_WritesEachFile_ThenFindsItUpToDate()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine(WorkflowFiles.Folder));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new BuildContext(root.Path, CommandLineParser.Parse(["Workflows"], _ => null).Parameters, new BuildConsole(output, error, ConsoleStyle.Plain));
        var target = BuildTargets.All.Single(t => t.Name == "Workflows");

        await target.RunAsync(context, TestContext.Current.CancellationToken);
        await target.RunAsync(context, TestContext.Current.CancellationToken);

        foreach (var file in WorkflowFiles.Generate())
        {
            File.ReadAllText(root.Combine(file.RelativePath)).ShouldBe(file.Text);
            output.ToString().ShouldContain($"{file.RelativePath}: written");
            output.ToString().ShouldContain($"{file.RelativePath}: up to date");
        }
    }
}
