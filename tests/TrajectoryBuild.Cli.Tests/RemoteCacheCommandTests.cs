using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary><c>trajbuild build --cache-url</c> against a real nginx with WebDAV PUT on 127.0.0.1.</summary>
public sealed class RemoteCacheCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_TwoFoldersOneCacheUrl_TheSecondRestoresEverything_AndCredentialsStayOutOfTheOutput()
    {
        if (NginxWebDav.Program is null)
        {
            Requires.SkipOrFailInCi("nginx is not installed (apt-get install -y nginx)", ".ci/run installs nginx");
        }

        using var nginx = await NginxWebDav.StartAsync();
        var first = new TestManifest().WriteTo(Directory.CreateDirectory(_temp.Combine("one")).FullName);
        var second = new TestManifest().WriteTo(Directory.CreateDirectory(_temp.Combine("two")).FullName);

        var (code, built, errors) = await CliRunner.RunAsync("build", "--manifest", first, "--cache-url", nginx.Url);
        var (againCode, again, _) = await CliRunner.RunAsync("build", "--manifest", second, "--cache-url", nginx.Url, "--cache-read-only");
        var (badCode, _, badErrors) = await CliRunner.RunAsync("build", "--manifest", first, "--cache-url", "http://user:pw@127.0.0.1:1/");

        code.ShouldBe(0, errors);
        built.ShouldContain($"Remote cache: {nginx.Url} (read-write)");
        built.ShouldContain("Remote cache: 0 restored, 8 missing, 8 uploaded, 0 failed requests, 0 rejected (digest mismatch)");
        againCode.ShouldBe(0);
        again.ShouldContain($"Remote cache: {nginx.Url} (read-only)");
        again.ShouldContain("Done: 0 built, 8 restored from cache, 0 up to date, 0 failed.");
        again.ShouldContain("Remote cache: 8 restored, 0 missing, 0 uploaded");
        badCode.ShouldBe(0, "a cache never fails a build");
        badErrors.ShouldContain("warning: --cache-url: the cache URL holds credentials");
        badErrors.ShouldNotContain("pw@");
    }
}
