using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Scheduling;

/// <summary>
/// A state folder the engine cannot write (a file where it makes a folder: the same IOException a full disk gives,
/// without needing root for a small tmpfs): the target fails with the path, the build ends normally and records it.
/// </summary>
public sealed class UnwritableStateTests : IDisposable
{
    private static readonly TestManifest s_manifest = new();
    private readonly BuildFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task BuildAsync_OutputFolderCannotBeCreated_FailsThatTargetNamingThePath_AndAFreedFolderResumes()
    {
        var path = Path.Combine(_fixture.Options.StateDirectory, "tmp");
        Directory.CreateDirectory(_fixture.Options.StateDirectory);
        await File.WriteAllTextAsync(path, "in the way", TestContext.Current.CancellationToken);

        var report = await _fixture.BuildAsync(s_manifest);

        report.Succeeded.ShouldBeFalse();
        var failed = report.Results.Single(r => r.Outcome == TargetOutcome.Failed);
        failed.TargetId.ShouldBe("Collect/local-demo");
        failed.Error.ShouldNotBeNull().ShouldContain(path);
        File.Exists(Path.Combine(_fixture.Options.StateDirectory, "runs", "last.json")).ShouldBeTrue("the failed build is recorded");

        File.Delete(path);
        var resumed = await _fixture.BuildAsync(s_manifest);

        resumed.Succeeded.ShouldBeTrue();
        resumed.Results.Count(r => r.Executed).ShouldBe(8);
    }

    [Fact]
    public async Task BuildAsync_LockFileCannotBeWritten_SaysSoAndHowToResume_AndTheRerunRestoresEverything()
    {
        var blocked = Path.Combine(_fixture.Root, "locked");
        await File.WriteAllTextAsync(blocked, "in the way", TestContext.Current.CancellationToken);
        var options = _fixture.Options with { LockPath = Path.Combine(blocked, "datasets.lock") };

        var failure = await Should.ThrowAsync<IOException>(() => _fixture.BuildAsync(s_manifest, options));

        failure.Message.ShouldStartWith($"could not record the build in {options.LockPath} and {options.StateDirectory}: ");
        failure.Message.ShouldContain("run the same command again");
        File.Delete(blocked);
        var resumed = await _fixture.BuildAsync(s_manifest, options);
        resumed.Results.ShouldAllBe(r => r.Outcome == TargetOutcome.Restored);
        File.ReadAllText(options.LockPath).ShouldBe(await LockOfACleanBuildAsync());
    }

    private static async Task<string> LockOfACleanBuildAsync()
    {
        using var clean = new BuildFixture();
        await clean.BuildAsync(s_manifest);
        return clean.LockText;
    }
}
