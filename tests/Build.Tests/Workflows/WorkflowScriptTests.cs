using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Build.Workflows;
using TrajectoryBuild.Cli;

namespace Build.Tests.Workflows;

/// <summary>The committed workflows' scripts, run by bash against a stand-in ./build.sh that prints what the host prints.</summary>
public sealed class WorkflowScriptTests : IDisposable
{
    private const string StaleLine = """{"stale":true,"targets":10,"pending":0,"work_units":10,"shards":2,"shard":["1/2","2/2"]}""";
    private const string FreshLine = """{"stale":false,"targets":0,"pending":0,"work_units":0,"shards":0,"shard":[]}""";

    private static readonly string[] s_packageFiles = ["README.md", "data/sharegpt/train-00000-of-00001.jsonl"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PlanStep_StaleBuild_GivesTheMatrixTheLegsAlone()
    {
        var (exitCode, output) = await RunPlanStepAsync(StaleLine, force: false);

        exitCode.ShouldBe(0, output);
        Outputs().ShouldBe(["cache-url=http://cache.test/trajbuild/", "stale=true", """matrix={"shard":["1/2","2/2"]}"""]);
        File.ReadAllText(_dir.Combine("summary.md")).ShouldContain("**2 build legs**");
        File.ReadAllText(_dir.Combine("build-args.txt")).ShouldBe("Plan --matrix\n");
    }

    [Fact]
    public async Task PlanStep_NothingStale_GivesNoLegs()
    {
        var (exitCode, output) = await RunPlanStepAsync(FreshLine, force: false);

        exitCode.ShouldBe(0, output);
        Outputs().ShouldBe(["cache-url=http://cache.test/trajbuild/", "stale=false", """matrix={"shard":[]}"""]);
    }

    [Fact]
    public async Task PlanStep_Force_PlansAndBuildsInAFreshPartOfTheCache()
    {
        var (exitCode, output) = await RunPlanStepAsync(StaleLine, force: true);

        exitCode.ShouldBe(0, output);
        Outputs()[0].ShouldBe("cache-url=http://cache.test/trajbuild/force/4711-2/");
        File.ReadAllText(_dir.Combine("build-env.txt")).ShouldBe("http://cache.test/trajbuild/force/4711-2/\n");
    }

    [Fact]
    public async Task PlanStep_PushWithoutACacheUrl_FailsSayingWhichVariable()
    {
        var (exitCode, output) = await RunPlanStepAsync(StaleLine, force: false, cacheUrl: string.Empty);

        exitCode.ShouldBe(1);
        output.ShouldContain("::error::Set the repository variable TRAJBUILD_CACHE_URL");
    }

    [Fact]
    public async Task PlanStep_PullRequestWithoutACacheUrl_StillPlans()
    {
        var (exitCode, output) = await RunPlanStepAsync(StaleLine, force: false, cacheUrl: string.Empty, eventName: "pull_request");

        exitCode.ShouldBe(0, output);
    }

    [Fact]
    public async Task PlanStep_NoMatrixLine_Fails()
    {
        var (exitCode, output) = await RunPlanStepAsync("no json here", force: false);

        exitCode.ShouldBe(1);
        output.ShouldContain("./build.sh Plan --matrix printed no matrix line");
    }

    // The contract the plan step relies on: trajbuild prints the matrix as one line that starts with {"stale":.
    [Fact]
    public async Task TrajbuildPlanMatrix_PrintsTheLineThePlanStepLooksFor()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["plan", "--matrix", "--manifest", Path.Combine(RepositoryRoot.Path, DatasetBuildWorkflow.Manifest), "--state-dir", _dir.Combine("state")];

        (await CliApp.RunAsync(args, output, error, TestContext.Current.CancellationToken)).ShouldBe(0, error.ToString());

        var line = output.ToString().Split('\n').Single(l => l.StartsWith("""{"stale":""", StringComparison.Ordinal));
        var matrix = JsonNode.Parse(line)!;
        matrix["stale"]!.GetValue<bool>().ShouldBeTrue();
        matrix["shard"]!.AsArray().Count.ShouldBe(matrix["shards"]!.GetValue<int>());
    }

    [Fact]
    public async Task LegStep_UploadsStopped_FailsTheLegSoTheOthersAreCancelled()
    {
        StepScript.SkipWithoutTools();
        FakeBuildSh("echo 'Remote cache: 3 restored, 0 missing, 1 uploaded, 0 failed requests, 0 rejected (digest mismatch); uploads stopped after refusals'");

        var (exitCode, output) = await RunAsync(Step("dataset-build.yml", "Build this leg"), new() { ["TARGET"] = "Build", ["SHARD"] = "1/2" });

        exitCode.ShouldBe(1);
        output.ShouldContain("::error::This leg could not upload to the shared cache");
        File.ReadAllText(_dir.Combine("build-args.txt")).ShouldBe("Build --shard 1/2\n");
    }

    [Fact]
    public async Task LegStep_CacheHealthy_Passes()
    {
        StepScript.SkipWithoutTools();
        FakeBuildSh("echo 'Remote cache: 3 restored, 0 missing, 5 uploaded, 0 failed requests, 0 rejected (digest mismatch)'");

        var (exitCode, output) = await RunAsync(Step("dataset-build.yml", "Build this leg"), new() { ["TARGET"] = "Reproduce", ["SHARD"] = "2/2" });

        exitCode.ShouldBe(0, output);
    }

    [Fact]
    public async Task VerifyStep_EveryFileAsReleased_Passes()
    {
        var (exitCode, output) = await RunVerifyAsync(_ => { });

        exitCode.ShouldBe(0, output);
        output.ShouldContain("All 2 files match releases/demo/0.2.0.json.");
    }

    [Theory]
    [InlineData("changed", "a byte changed")]
    [InlineData("truncated", "a file cut short")]
    [InlineData("extra", "a file the release does not list")]
    [InlineData("missing", "a listed file not restored")]
    public async Task VerifyStep_PackageNotAsReleased_Fails(string change, string what)
    {
        var (exitCode, output) = await RunVerifyAsync(package =>
        {
            var file = Path.Combine(package, "data", "sharegpt", "train-00000-of-00001.jsonl");
            switch (change)
            {
                case "changed": File.WriteAllText(file, "{\"b\":1}\n"); break;
                case "truncated": File.WriteAllText(file, "{\"a\""); break;
                case "extra": File.WriteAllText(Path.Combine(package, "notes.txt"), "x"); break;
                default: File.Delete(file); break;
            }
        });

        exitCode.ShouldBe(1, $"{what}: {output}");
        output.ShouldContain("::error::");
    }

    [Fact]
    public async Task FindReleaseStep_TagWithItsReleaseFile_ExportsItsFields()
    {
        StepScript.SkipWithoutTools();
        WriteRelease(files: []);

        var (exitCode, output) = await RunAsync(Step("dataset-release.yml", "Find the release file of this tag"), new() { ["TAG"] = "demo@v0.2.0" });

        exitCode.ShouldBe(0, output);
        File.ReadAllLines(_dir.Combine("env.txt")).ShouldBe(
        [
            "RELEASE_FILE=releases/demo/0.2.0.json", "DATASET=demo", "VERSION=0.2.0", "PACKAGE_TARGET=Package/dataset/demo",
            $"PACKAGE_KEY={new string('a', 64)}", "PACKAGE_DIR=dist/demo-0.2.0",
        ]);
        Outputs().ShouldBe(["dataset=demo", "version=0.2.0"]);
    }

    [Theory]
    [InlineData("demo@v0.3.0", "demo", "no release file has the tag")]
    [InlineData("demo@v0.2.0", "demo\nEVIL=1", "a dataset name that would add a line to GITHUB_ENV")]
    public async Task FindReleaseStep_NoSafeReleaseFile_Fails(string tag, string dataset, string what)
    {
        StepScript.SkipWithoutTools();
        WriteRelease(files: [], dataset: dataset);

        var (exitCode, output) = await RunAsync(Step("dataset-release.yml", "Find the release file of this tag"), new() { ["TAG"] = tag });

        exitCode.ShouldBe(1, what);
        output.ShouldContain("::error::");
        File.Exists(_dir.Combine("env.txt")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("FRESH", 'a', 0)]
    [InlineData("FRESH", 'b', 1)]
    [InlineData("CACHED", 'a', 1)]
    public async Task PackageKeyStep_FreshAndTheReleasedKey_Only(string status, char keyDigit, int expected)
    {
        StepScript.SkipWithoutTools();
        var plan = new JsonObject
        {
            ["manifest"] = "datasets.yaml",
            ["targets"] = new JsonArray(new JsonObject { ["id"] = "Package/dataset/demo", ["status"] = status, ["key"] = new string(keyDigit, 64) }),
        };
        FakeBuildSh($"echo '── Plan ──'; echo '> trajbuild plan --json'; cat <<'JSON'\n{plan.ToJsonString(new() { WriteIndented = true })}\nJSON\necho; echo 'Plan  succeeded'");

        var (exitCode, output) = await RunAsync(Step("dataset-release.yml", "Check the package key"), new()
        {
            ["PACKAGE_TARGET"] = "Package/dataset/demo",
            ["PACKAGE_KEY"] = new string('a', 64),
            ["RELEASE_FILE"] = "releases/demo/0.2.0.json",
        });

        exitCode.ShouldBe(expected, output);
    }

    [Fact]
    public async Task AssetsStep_NotesAreThisVersionsChangelogSection()
    {
        StepScript.SkipWithoutTools();
        WriteRelease(files: []);
        File.WriteAllText(_dir.Combine("releases", "demo", "CHANGELOG.md"), "# demo\n\n## demo 0.3.0\n\nlater\n\n## demo 0.2.0\n\nAgainst 0.1.0: 3 tasks.\n\n### Trajectories\n\n- changed x\n\n## demo 0.1.0\n\nfirst\n");
        Directory.CreateDirectory(_dir.Combine("dist", "demo-0.2.0"));
        File.WriteAllText(_dir.Combine("dist", "demo-0.2.0", "README.md"), "card\n");

        var (exitCode, output) = await RunAsync(Step("dataset-release.yml", "Prepare the release assets"), new()
        {
            ["DATASET"] = "demo",
            ["VERSION"] = "0.2.0",
            ["RELEASE_FILE"] = "releases/demo/0.2.0.json",
        });

        exitCode.ShouldBe(0, output);
        File.ReadAllText(_dir.Combine("dist", "notes.md")).ShouldBe("## demo 0.2.0\n\nAgainst 0.1.0: 3 tasks.\n\n### Trajectories\n\n- changed x\n\n");
        File.ReadAllText(_dir.Combine("dist", "SHA256SUMS")).ShouldContain("demo-0.2.0.tar.gz");
        File.Exists(_dir.Combine("dist", "demo-0.2.0.release.json")).ShouldBeTrue();
    }

    private async Task<(int ExitCode, string Output)> RunPlanStepAsync(string matrixLine, bool force, string cacheUrl = "http://cache.test/trajbuild/", string eventName = "push")
    {
        StepScript.SkipWithoutTools();
        FakeBuildSh($"echo '── Plan ──'; echo '> trajbuild plan --matrix'; echo '{matrixLine}'; echo; echo 'Plan  succeeded  1.0s'");
        return await RunAsync(Step("dataset-build.yml", "Plan the build legs"), new()
        {
            ["FORCE"] = force ? "true" : "false",
            ["TRAJBUILD_CACHE_URL"] = cacheUrl,
            ["GITHUB_EVENT_NAME"] = eventName,
        });
    }

    private async Task<(int ExitCode, string Output)> RunVerifyAsync(Action<string> change)
    {
        StepScript.SkipWithoutTools();
        var package = _dir.Combine("dist", "demo-0.2.0");
        Directory.CreateDirectory(Path.Combine(package, "data", "sharegpt"));
        File.WriteAllText(Path.Combine(package, "README.md"), "# demo\n");
        File.WriteAllText(Path.Combine(package, "data", "sharegpt", "train-00000-of-00001.jsonl"), "{\"a\":1}\n");
        WriteRelease(files: [.. s_packageFiles.Select(f => (f, File.ReadAllBytes(Path.Combine(package, f))))]);
        change(package);
        return await RunAsync(Step("dataset-release.yml", DatasetReleaseWorkflow.VerifyStepName), new() { ["RELEASE_FILE"] = "releases/demo/0.2.0.json", ["PACKAGE_DIR"] = "dist/demo-0.2.0" });
    }

    private void WriteRelease((string Path, byte[] Bytes)[] files, string dataset = "demo")
    {
        Directory.CreateDirectory(_dir.Combine("releases", "demo"));
        var release = new JsonObject
        {
            ["format"] = 1,
            ["dataset"] = dataset,
            ["version"] = "0.2.0",
            ["tag"] = "demo@v0.2.0",
            ["package"] = new JsonObject { ["target"] = "Package/dataset/demo", ["key"] = new string('a', 64) },
            ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Path,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(f.Bytes)),
                ["bytes"] = f.Bytes.Length,
            })]),
        };
        File.WriteAllText(_dir.Combine("releases", "demo", "0.2.0.json"), release.ToJsonString());
    }

    // ./build.sh stands in for the host: it records its arguments and the cache URL it got, then runs `body`.
    private void FakeBuildSh(string body)
    {
        var script = _dir.Combine("build.sh");
        File.WriteAllText(script, $"#!/usr/bin/env bash\necho \"$*\" >> build-args.txt\necho \"${{TRAJBUILD_CACHE_URL:-}}\" >> build-env.txt\n{body}\n");
        MakeExecutable(script);
    }

    private Task<(int ExitCode, string Output)> RunAsync(string script, Dictionary<string, string> environment)
    {
        // sudo stands aside (the scripts call it when not root): it drops its own options and runs the command.
        var bin = _dir.Combine("bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "sudo"), "#!/usr/bin/env bash\nwhile [[ \"$1\" == --* ]]; do shift; done\nexec \"$@\"\n");
        MakeExecutable(Path.Combine(bin, "sudo"));
        environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        environment["GITHUB_OUTPUT"] = _dir.Combine("output.txt");
        environment["GITHUB_ENV"] = _dir.Combine("env.txt");
        environment["GITHUB_STEP_SUMMARY"] = _dir.Combine("summary.md");
        environment["GITHUB_RUN_ID"] = "4711";
        environment["GITHUB_RUN_ATTEMPT"] = "2";
        environment.TryAdd("GITHUB_EVENT_NAME", "push");
        return StepScript.RunAsync(script, _dir.Path, environment);
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string[] Outputs() => File.ReadAllLines(_dir.Combine("output.txt"));

    private static string Step(string file, string name) =>
        StepScript.Of(Workflow.Load(Path.Combine(RepositoryRoot.Path, "pipelines", file)), name);
}
