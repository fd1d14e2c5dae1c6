using System.Diagnostics;
using Docker.DotNet.Models;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Containers.Tests;

public sealed class BaseImageTests(BaseImageFixture fixture)
{
    [Fact]
    public void ImageName_SameSuiteAndPackagesInAnyOrder_IsTheSameContentHash()
    {
        var a = new BaseImageSpec("bookworm", ["python3", "git", "patch"]);
        var b = new BaseImageSpec("bookworm", ["patch", " git", "python3", "git"], mirror: "http://mirror.example/debian");

        b.ImageName.ShouldBe(a.ImageName);
        a.ImageName.ShouldMatch("^trajbuild/base:[0-9a-f]{12}$");
    }

    [Fact]
    public void ImageName_OtherSuiteOrPackages_Differs()
    {
        var bookworm = new BaseImageSpec("bookworm", ["python3"]);

        new BaseImageSpec("bullseye", ["python3"]).ImageName.ShouldNotBe(bookworm.ImageName);
        new BaseImageSpec("bookworm", ["python3", "python3-tz"]).ImageName.ShouldNotBe(bookworm.ImageName);
    }

    [Fact]
    public async Task EnsureAsync_ImageExists_ReturnsItsIdQuickly()
    {
        await fixture.ImageAsync();
        var images = new BaseImage(fixture.Engine);
        var lines = new List<string>();

        var stopwatch = Stopwatch.StartNew();
        var id = await images.EnsureAsync(BaseImageFixture.Spec, lines.Add, TestContext.Current.CancellationToken);

        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        lines.ShouldBeEmpty();
        id.ShouldStartWith("sha256:");
        (await images.FindAsync(BaseImageFixture.Spec, TestContext.Current.CancellationToken)).ShouldBe(id);
    }

    [Fact]
    public async Task FindAsync_UnknownSpec_ReturnsNull()
    {
        await Requires.DockerAsync();
        var spec = new BaseImageSpec("bookworm", [$"no-such-package-{Guid.NewGuid():N}"]);

        (await new BaseImage(fixture.Engine).FindAsync(spec, TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task EnsureAsync_AnotherBuildHoldsTheLock_WaitsAndUsesItsImage()
    {
        var baseImage = await fixture.ImageAsync();
        using var temp = new TempDirectory();
        var spec = new BaseImageSpec("bookworm", [$"lock-test-{Guid.NewGuid():N}"]);
        var lines = new List<string>();
        var otherBuild = new FileStream(Path.Combine(temp.Path, $"base-{spec.Tag}.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        try
        {
            var ensure = new BaseImage(fixture.Engine, temp.Path).EnsureAsync(spec, line => { lock (lines) { lines.Add(line); } }, Cancellation);
            await WaitUntilAsync(() => { lock (lines) { return lines.Any(l => l.StartsWith("waiting for another build", StringComparison.Ordinal)); } });

            // The other build finishes: its image appears under the spec's name, then it lets go of the lock.
            await fixture.Engine.Client.Images.TagImageAsync(baseImage, new ImageTagParameters { RepositoryName = BaseImageSpec.Repository, Tag = spec.Tag }, Cancellation);
            await otherBuild.DisposeAsync();
            var id = await ensure;

            id.ShouldBe(await new BaseImage(fixture.Engine).FindAsync(BaseImageFixture.Spec, Cancellation));
            lines.ShouldNotContain(l => l.StartsWith("bootstrapping", StringComparison.Ordinal));
        }
        finally
        {
            await otherBuild.DisposeAsync();
            await DeleteQuietlyAsync(spec.ImageName);
        }
    }

    [Fact]
    public async Task EnsureAsync_RootfsTarKeptOnThisHost_ImportsItWithoutBootstrapping()
    {
        await Requires.DockerAsync();
        using var temp = new TempDirectory();
        var spec = new BaseImageSpec("bookworm", [$"kept-tar-test-{Guid.NewGuid():N}"]);
        var tree = Directory.CreateDirectory(temp.Combine("tree")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tree, "marker"), "a root filesystem an earlier build kept\n", Cancellation);
        var kept = Path.Combine(temp.Path, $"base-{spec.Tag}.rootfs.tar");
        await RootfsTar.CreateAsync(tree, kept, _ => { }, Cancellation);
        var lines = new List<string>();
        try
        {
            await new BaseImage(fixture.Engine, temp.Path).EnsureAsync(spec, lines.Add, Cancellation);

            var image = (await fixture.Engine.FindImageAsync(spec.ImageName, Cancellation)).ShouldNotBeNull();
            BaseImage.RootfsDigest(image).ShouldBe(await RootfsTar.Sha256Async(kept, Cancellation));
            lines.ShouldContain($"{spec.ImageName}: reusing the root filesystem bootstrapped before ({kept})");
            lines.ShouldNotContain(l => l.StartsWith("bootstrapping", StringComparison.Ordinal));
        }
        finally
        {
            await DeleteQuietlyAsync(spec.ImageName);
        }
    }

    [Fact]
    public async Task EnsureRecordedAsync_EngineHoldsAnotherRootfs_SaysSoAndHowToFixIt()
    {
        var image = await fixture.ImageAsync();
        using var temp = new TempDirectory();
        var recorded = new string('0', 64);

        var exception = await Should.ThrowAsync<InvalidOperationException>(() =>
            new BaseImage(fixture.Engine, temp.Path).EnsureRecordedAsync(BaseImageFixture.Spec, recorded, [], _ => { }, Cancellation));

        exception.Message.ShouldStartWith($"{image} on the engine at {fixture.Engine.Name} holds a root filesystem with sha256:");
        exception.Message.ShouldContain($"but the Environment target recorded sha256:{recorded}");
        exception.Message.ShouldContain("bump 'epoch' in the manifest");
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task DeleteQuietlyAsync(string imageName)
    {
        try
        {
            await fixture.Engine.Client.Images.DeleteImageAsync(imageName, new ImageDeleteParameters(), CancellationToken.None);
        }
        catch (Docker.DotNet.DockerImageNotFoundException)
        {
            // The test failed before the image was made.
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, Cancellation);
        }

        condition().ShouldBeTrue();
    }
}
