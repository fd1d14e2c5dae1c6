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
}
