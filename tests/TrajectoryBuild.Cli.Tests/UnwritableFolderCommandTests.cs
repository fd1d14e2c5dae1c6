using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>
/// Folders trajbuild cannot write (a file in the way: the IOException a full disk gives too) end a command with an
/// error line and exit code 1, not an unhandled exception. The tmpfs tests (Reliability/DiskFullTests) do it for real.
/// </summary>
public sealed class UnwritableFolderCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_RunSummaryCannotBeWritten_ErrorSaysWhereAndHowToResume()
    {
        var manifest = new TestManifest().WriteTo(_temp.Path);
        var state = Directory.CreateDirectory(_temp.Combine("state")).FullName;
        await File.WriteAllTextAsync(Path.Combine(state, "runs"), "in the way", TestContext.Current.CancellationToken);

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--manifest", manifest, "--state-dir", state);

        code.ShouldBe(1);
        stderr.ShouldStartWith($"error: could not record the build in {_temp.Combine("datasets.lock")} and {state}: ");
        stderr.ShouldContain(Path.Combine(state, "runs"));
        stderr.ShouldContain("run the same command again");
    }

    [Fact]
    public async Task ShowOut_FolderCannotBeCreated_ErrorNamesIt()
    {
        var manifest = new TestManifest().WriteTo(_temp.Path);
        (await CliRunner.RunAsync("build", "--manifest", manifest)).ExitCode.ShouldBe(0);
        var blocked = _temp.Combine("out");
        await File.WriteAllTextAsync(blocked, "in the way", TestContext.Current.CancellationToken);

        var (code, _, stderr) = await CliRunner.RunAsync("show", "--manifest", manifest, "Collect/local-demo", "--out", Path.Combine(blocked, "copy"));

        code.ShouldBe(1);
        stderr.ShouldStartWith("error: ");
        stderr.ShouldContain(blocked);
    }
}
