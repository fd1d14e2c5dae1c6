using System.Text.Json.Nodes;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>
/// <c>trajbuild build --shard i/n --cache-url</c>: legs as separate processes, each in its own folder (as CI runs them
/// on separate machines), sharing only a real nginx WebDAV cache on 127.0.0.1. Then <c>plan --matrix</c> and the
/// package job's read-only build that assembles everything from the cache.
/// </summary>
public sealed class ShardedBuildCommandTests : IDisposable
{
    private const int Legs = 3;
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private static readonly TestManifest s_manifest = new()
    {
        Tasks = [.. Enumerable.Range(1, 9).Select(i => ($"task-{i}", $"{i:D7}"))],
    };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ThreeLegProcesses_OneSharedCache_BuildEachTargetOnce_ThenThePackageJobRestoresAll()
    {
        if (NginxWebDav.Program is null)
        {
            Requires.SkipOrFailInCi("nginx is not installed (apt-get install -y nginx)", ".ci/run installs nginx");
        }

        using var nginx = await NginxWebDav.StartAsync();
        var matrixBefore = await PlanMatrixAsync(Workspace("plan"), nginx.Url);
        matrixBefore["stale"]!.GetValue<bool>().ShouldBeTrue();
        matrixBefore["shards"]!.GetValue<int>().ShouldBe(1, "only Collect can be listed before anything is built: one work unit");

        var legs = new List<(ChildProcess Child, string Workspace)>();
        try
        {
            for (var leg = 1; leg <= Legs; leg++)
            {
                var workspace = Workspace($"leg{leg}");
                legs.Add((ChildProcess.Start("trajbuild-test", ["build", "--manifest", Path.Combine(workspace, "datasets.yaml"), "--jobs", "2",
                    "--shard", $"{leg}/{Legs}", "--shard-timeout", "90s", "--cache-url", nginx.Url], workspace,
                    new Dictionary<string, string> { ["TRAJBUILD_TEST_STEP_MS"] = "30" }), workspace));
            }

            foreach (var (child, _) in legs)
            {
                (await child.WaitAsync(s_timeout)).ShouldBe(0, child.Stdout + child.Stderr);
            }

            var builtBy = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var leg = 1; leg <= Legs; leg++)
            {
                var (child, workspace) = legs[leg - 1];
                child.Stdout.ShouldContain($", as shard {leg}/{Legs}");
                foreach (var target in BuiltOutputs.LastRunBuilt(workspace))
                {
                    builtBy.TryAdd(target, leg).ShouldBeTrue($"{target} was built by leg {builtBy.GetValueOrDefault(target)} and by leg {leg}");
                }
            }

            var reference = Workspace("whole");
            using (var whole = ChildProcess.Start("trajbuild-test", ["build", "--manifest", Path.Combine(reference, "datasets.yaml")], reference))
            {
                (await whole.WaitAsync(s_timeout)).ShouldBe(0, whole.Stderr);
            }

            builtBy.Keys.Order(StringComparer.Ordinal).ShouldBe(BuiltOutputs.LastRunBuilt(reference).Order(StringComparer.Ordinal), "the legs together build what a whole build does");
            builtBy.Count.ShouldBe(1 + 9 + 9 + 1);
            builtBy.Values.Distinct().Count().ShouldBe(Legs, "every leg built something");
            var wholeLock = File.ReadAllText(Path.Combine(reference, "datasets.lock"));
            legs.ShouldAllBe(l => File.ReadAllText(Path.Combine(l.Workspace, "datasets.lock")) == wholeLock);

            // The package job: a fresh folder, the cache read-only, nothing built.
            var package = Workspace("package");
            var (code, stdout, stderr) = await CliRunner.RunAsync("build", "--manifest", Path.Combine(package, "datasets.yaml"), "--cache-url", nginx.Url, "--cache-read-only");
            code.ShouldBe(0, stderr);
            stdout.ShouldContain($"Done: 0 built, {builtBy.Count} restored from cache, 0 up to date, 0 failed.");
            File.ReadAllText(Path.Combine(package, "datasets.lock")).ShouldBe(wholeLock);

            var matrixAfter = await PlanMatrixAsync(Workspace("plan-after"), nginx.Url);
            matrixAfter.ToJsonString().ShouldBe("""{"stale":false,"targets":0,"pending":0,"work_units":0,"shards":0,"shard":[]}""",
                "a fresh machine with the shared cache has nothing to build");
        }
        finally
        {
            legs.ForEach(l => l.Child.Dispose());
        }
    }

    [Fact]
    public async Task PlanMatrix_AsksForOneLegPerStaleChain_UpToMaxShards()
    {
        var workspace = Workspace("matrix");
        (await CliRunner.RunAsync("build", "--manifest", Path.Combine(workspace, "datasets.yaml"))).ExitCode.ShouldBe(0);
        var changed = s_manifest with { TestCommand = "python -m pytest -rA -x" };
        changed.WriteTo(workspace);

        var (code, stdout, stderr) = await CliRunner.RunAsync("plan", "--manifest", Path.Combine(workspace, "datasets.yaml"), "--matrix", "--max-shards", "4");
        var (allCode, all, _) = await CliRunner.RunAsync("plan", "--manifest", Path.Combine(workspace, "datasets.yaml"), "--matrix", "--max-shards", "256");

        code.ShouldBe(0, stderr);
        stdout.Trim().ShouldBe("""{"stale":true,"targets":10,"pending":0,"work_units":10,"shards":4,"shard":["1/4","2/4","3/4","4/4"]}""",
            "a verifier change re-runs the 9 Check targets and the summary: 10 units");
        allCode.ShouldBe(0);
        JsonNode.Parse(all)!["shards"]!.GetValue<int>().ShouldBe(10);
    }

    [Theory]
    [InlineData("--max-shards", "0", "--max-shards must be between 1 and 256")]
    [InlineData("--max-shards", "257", "--max-shards must be between 1 and 256")]
    public async Task PlanMatrix_RejectsBadCounts(string option, string value, string message)
    {
        var workspace = Workspace("bad");
        var (code, _, stderr) = await CliRunner.RunAsync("plan", "--manifest", Path.Combine(workspace, "datasets.yaml"), "--matrix", option, value);
        code.ShouldBe(2);
        stderr.ShouldContain(message);
    }

    [Theory]
    [InlineData(new[] { "--shard", "4/3" }, "--shard: '4/3': shard 4 of 3 does not exist; legs are numbered 1 to 3")]
    [InlineData(new[] { "--shard", "1/300" }, "--shard: '1/300': a build has at most 256 shards")]
    [InlineData(new[] { "--shard", "1/2", "--shard-timeout", "10" }, "--shard-timeout: '10' is not a duration: write a whole number and s, m or h, e.g. 90m")]
    [InlineData(new[] { "--shard", "1/2", "--cache-url", "http://127.0.0.1:1/", "--cache-read-only" }, "error: --shard 1/2 with a read-only cache")]
    public async Task Build_RejectsShardUsageErrors(string[] args, string message)
    {
        var workspace = Workspace("usage");
        var (code, stdout, stderr) = await CliRunner.RunAsync(["build", "--manifest", Path.Combine(workspace, "datasets.yaml"), .. args]);
        code.ShouldBe(2, stdout);
        stderr.ShouldContain(message);
        File.Exists(Path.Combine(workspace, "datasets.lock")).ShouldBeFalse("nothing was built");
    }

    private static async Task<JsonNode> PlanMatrixAsync(string workspace, string cacheUrl)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("plan", "--manifest", Path.Combine(workspace, "datasets.yaml"), "--matrix", "--cache-url", cacheUrl);
        code.ShouldBe(0, stderr);
        stderr.ShouldContain($"Remote cache: {cacheUrl}", Case.Sensitive, "the cache line goes to stderr: stdout is the JSON");
        return JsonNode.Parse(stdout)!;
    }

    private string Workspace(string name)
    {
        var dir = _temp.Combine(name);
        Directory.CreateDirectory(dir);
        s_manifest.WriteTo(dir);
        return dir;
    }
}
