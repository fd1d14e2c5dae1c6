using System.Collections.Concurrent;
using System.Security.Cryptography;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Testing.Stages;

namespace TrajectoryBuild.Tests.Cache;

/// <summary>The remote cache against a real nginx with WebDAV PUT on 127.0.0.1, shared by builds in separate folders.</summary>
public sealed class RemoteCacheTests : IDisposable
{
    private static readonly TestManifest s_manifest = new();
    private readonly TempDirectory _temp = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SecondBuildElsewhere_IsAPureCacheHit_AndUploadsNothing()
    {
        using var nginx = await StartNginxAsync();

        var first = await BuildAsync("one", nginx.Url);
        var second = await BuildAsync("two", nginx.Url);

        first.Report.Results.Count(r => r.Executed).ShouldBe(first.Report.Results.Count);
        first.Stats.Uploads.ShouldBe(first.Report.Results.Count);
        second.Report.Results.ShouldAllBe(r => r.Outcome == TargetOutcome.Restored);
        second.Stats.ShouldBe(new RemoteCacheStats(Hits: first.Report.Results.Count, Misses: 0, Uploads: 0, Errors: 0, Rejected: 0, Disabled: false));
        File.ReadAllText(Path.Combine(_temp.Path, "two", "datasets.lock")).ShouldBe(File.ReadAllText(Path.Combine(_temp.Path, "one", "datasets.lock")));
        nginx.Requests.Count(r => r.StartsWith("PUT /cache/ac/", StringComparison.Ordinal)).ShouldBe(first.Report.Results.Count, "each entry uploaded once, by the first build");
        _warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task CorruptBlobOnTheServer_IsDetected_ThatTargetIsRebuilt_AndTheBuildSucceeds()
    {
        using var nginx = await StartNginxAsync();
        await BuildAsync("one", nginx.Url);
        var blob = Directory.EnumerateFiles(Path.Combine(nginx.CacheDirectory, "cas")).Order(StringComparer.Ordinal).First();
        File.WriteAllText(blob, "poisoned");

        var second = await BuildAsync("two", nginx.Url);

        second.Report.Succeeded.ShouldBeTrue();
        second.Stats.Rejected.ShouldBeGreaterThanOrEqualTo(1);
        second.Report.Results.Count(r => r.Executed).ShouldBeGreaterThanOrEqualTo(1);
        var expected = $"blob {Path.GetFileName(blob)[..12]} hashes to";
        _warnings.ShouldContain(w => w.Contains(expected, StringComparison.Ordinal) && w.Contains("not used", StringComparison.Ordinal));
        var local = new LocalCache(Path.Combine(_temp.Path, "two", ".trajbuild", "cache"));
        local.HasBlob(Path.GetFileName(blob)).ShouldBe(second.Report.Results.Any(r => r.Executed), "the rebuilt target stores the true bytes under the digest");
        File.ReadAllText(Path.Combine(_temp.Path, "two", "datasets.lock")).ShouldBe(File.ReadAllText(Path.Combine(_temp.Path, "one", "datasets.lock")));

        // A writing build heals the server: the rebuilt target's true bytes replace the poisoned blob.
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(blob))).ShouldBe(Path.GetFileName(blob));
        _warnings.ShouldContain($"remote cache: blob {Path.GetFileName(blob)[..12]} replaced with the bytes that hash to it");
    }

    [Fact]
    public async Task ServerStopped_TheBuildFinishesWithoutIt_AndLeavesItAloneAfterFailuresInARow()
    {
        using var nginx = await StartNginxAsync();
        nginx.Stop();

        var build = await BuildAsync("one", nginx.Url);

        build.Report.Succeeded.ShouldBeTrue();
        build.Report.Results.ShouldAllBe(r => r.Executed);
        build.Stats.Disabled.ShouldBeTrue();
        // 3 requests failing for good (3 attempts each) leave it alone; with 2 jobs one more request may have been in flight.
        build.Stats.Errors.ShouldBeInRange(3 * 3, 3 * 4);
        build.Report.Results.Count.ShouldBeGreaterThan(4, "more targets than requests made: the rest never asked");
        _warnings.ShouldContain(w => w.Contains("requests in a row failed; not used for the rest of this build", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerRefusingUploads_GetsNoMoreAfterThreeRefusals_AndTheBuildSucceeds()
    {
        using var nginx = await StartNginxAsync(refuseWrites: true);

        var build = await BuildAsync("one", nginx.Url);

        build.Report.Results.ShouldAllBe(r => r.Executed);
        build.Stats.Uploads.ShouldBe(0);
        build.Stats.UploadsStopped.ShouldBeTrue();
        build.Stats.Disabled.ShouldBeFalse("it still answers reads");
        _warnings.ShouldContain(w => w.Contains("answered 403 Forbidden", StringComparison.Ordinal));
        _warnings.ShouldContain(w => w.Contains("3 uploads in a row refused; downloading only", StringComparison.Ordinal));
        _warnings.Count(w => w.Contains("answered 403", StringComparison.Ordinal)).ShouldBeLessThanOrEqualTo(4, "no uploads after 3 refusals in a row (one more may be in flight)");
        Directory.Exists(nginx.CacheDirectory).ShouldBeFalse();
    }

    [Fact]
    public async Task ServerStoppedMidBuild_TheBuildStillFinishes()
    {
        using var nginx = await StartNginxAsync();
        var stages = new TestStageOptions { StepDelay = TimeSpan.FromMilliseconds(200) };
        var building = BuildAsync("one", nginx.Url, stages: stages);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!nginx.Requests.Any(r => r.StartsWith("PUT /cache/ac/", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        nginx.Stop();
        var build = await building;

        build.Report.Results.ShouldAllBe(r => r.Executed);
        build.Stats.Uploads.ShouldBeGreaterThanOrEqualTo(1);
        build.Stats.Uploads.ShouldBeLessThan(build.Report.Results.Count);
        build.Stats.Errors.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ReadOnly_Downloads_ButNeverWrites()
    {
        using var nginx = await StartNginxAsync();
        await BuildAsync("one", nginx.Url);
        var files = Directory.GetFiles(nginx.CacheDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var before = nginx.Requests.Count;

        var changed = await BuildAsync("two", nginx.Url, readOnly: true, manifest: s_manifest with { Tasks = [("t1", "1111111"), ("t9", "9999999")] });

        changed.Report.Results.Count(r => r.Outcome == TargetOutcome.Restored).ShouldBeGreaterThanOrEqualTo(1);
        changed.Report.Results.Count(r => r.Executed).ShouldBeGreaterThanOrEqualTo(1);
        changed.Stats.Uploads.ShouldBe(0);
        Directory.GetFiles(nginx.CacheDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ShouldBe(files);
        nginx.Requests.Skip(before).ShouldNotContain(r => r.StartsWith("PUT", StringComparison.Ordinal));
        nginx.Requests.Skip(before).ShouldContain(r => r.StartsWith("GET /cache/ac/", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_KeepCredentialsOutOfTheUrlAndOutOfLogs()
    {
        var environment = new Dictionary<string, string> { ["TRAJBUILD_CACHE_TOKEN"] = "s3cret-token" };

        var options = RemoteCacheOptions.FromUrl("http://127.0.0.1:9/cache", readOnly: true, environment.GetValueOrDefault);

        options.BaseUrl.AbsoluteUri.ShouldBe("http://127.0.0.1:9/cache/");
        options.Authorization!.Parameter.ShouldBe("s3cret-token");
        options.ToString().ShouldBe("http://127.0.0.1:9/cache/ (read-only, bearer auth)");
        Should.Throw<FormatException>(() => RemoteCacheOptions.FromUrl("http://user:pw@127.0.0.1/cache", false, _ => null)).Message.ShouldContain("holds credentials");
        Should.Throw<FormatException>(() => RemoteCacheOptions.FromUrl("ftp://127.0.0.1/cache", false, _ => null));
    }

    private static async Task<NginxWebDav> StartNginxAsync(bool refuseWrites = false)
    {
        if (NginxWebDav.Program is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("nginx is not installed; .ci/run installs it (apt-get install -y nginx)");
            }

            Assert.Skip("nginx is not installed (apt-get install -y nginx)");
        }

        return await NginxWebDav.StartAsync(refuseWrites);
    }

    private async Task<(BuildReport Report, RemoteCacheStats Stats)> BuildAsync(string folder, string url, bool readOnly = false, TestManifest? manifest = null, TestStageOptions? stages = null)
    {
        var root = Path.Combine(_temp.Path, folder);
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, "datasets.yaml");
        var written = manifest ?? s_manifest;
        written.WriteTo(root);
        using var remote = new RemoteCache(RemoteCacheOptions.FromUrl(url, readOnly, _ => null) with { Timeout = TimeSpan.FromSeconds(5) }, _warnings.Enqueue);
        var options = BuildOptions.ForManifest(path) with { Jobs = 2, Remote = remote };
        var report = await new BuildEngine(TestPipeline.Create(stages ?? new TestStageOptions()), written.Document(path), options).BuildAsync(TestContext.Current.CancellationToken);
        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        return (report, remote.Stats);
    }
}
