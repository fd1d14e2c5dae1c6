using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary><c>trajbuild build --cache-url</c> against a real nginx with WebDAV PUT on 127.0.0.1.</summary>
[Collection(nameof(ProcessEnvironment))]
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

    [Fact]
    public async Task Build_WithCacheCredentials_NeverWritesThemToOutputLockCacheOrServer()
    {
        if (NginxWebDav.Program is null)
        {
            Requires.SkipOrFailInCi("nginx is not installed (apt-get install -y nginx)", ".ci/run installs nginx");
        }

        using var nginx = await NginxWebDav.StartAsync();
        var manifest = new TestManifest().WriteTo(_temp.Path);
        const string Token = "tb-secret-4f1c9a7e55";
        const string Password = "pw-secret-9d2e61b0aa";
        (int Code, string Stdout, string Stderr) bearer, basic;
        try
        {
            Environment.SetEnvironmentVariable("TRAJBUILD_CACHE_TOKEN", Token);
            bearer = await CliRunner.RunAsync("build", "--manifest", manifest, "--cache-url", nginx.Url);
            Environment.SetEnvironmentVariable("TRAJBUILD_CACHE_TOKEN", null);
            Environment.SetEnvironmentVariable("TRAJBUILD_CACHE_USER", "builder");
            Environment.SetEnvironmentVariable("TRAJBUILD_CACHE_PASSWORD", Password);
            basic = await CliRunner.RunAsync("build", "--manifest", manifest, "--cache-url", nginx.Url, "--state-dir", _temp.Combine("state-two"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TRAJBUILD_CACHE_TOKEN", null);
            Environment.SetEnvironmentVariable("TRAJBUILD_CACHE_USER", null);
            Environment.SetEnvironmentVariable("TRAJBUILD_CACHE_PASSWORD", null);
        }

        bearer.Code.ShouldBe(0, bearer.Stderr);
        bearer.Stdout.ShouldContain("(read-write, bearer auth)");
        basic.Code.ShouldBe(0, basic.Stderr);
        basic.Stdout.ShouldContain("(read-write, basic auth)");
        basic.Stdout.ShouldContain("8 restored");
        var basicEncoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"builder:{Password}"));
        string[] secrets = [Token, Password, basicEncoded];
        var texts = new List<(string Where, string Text)> { ("stdout", bearer.Stdout + basic.Stdout), ("stderr", bearer.Stderr + basic.Stderr) };
        texts.AddRange(Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f))));
        texts.AddRange(Directory.EnumerateFiles(nginx.CacheDirectory, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f))));
        texts.Count.ShouldBeGreaterThan(20, "the workspace, its cache, the lock and the server's files were all read");
        foreach (var (where, text) in texts)
        {
            foreach (var secret in secrets)
            {
                text.ShouldNotContain(secret, Case.Sensitive, $"{where} holds a credential");
            }
        }
    }
}
