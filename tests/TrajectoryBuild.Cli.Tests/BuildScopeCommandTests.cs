using System.Text.Json.Nodes;
using TrajectoryBuild.State;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary><c>build --dataset</c> (one dataset of several, the lock keeping the others) and <c>build --force</c>.</summary>
public sealed class BuildScopeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Dataset_BuildsOnlyThatDataset_AndALaterPartialBuildKeepsTheOthersInTheLock()
    {
        var manifest = WriteTwoDatasets();

        var (code, stdout, stderr) = await CliRunner.RunAsync("build", "--manifest", manifest, "--dataset", "other");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("dataset other only");
        Targets().ShouldContain("Summarize/other");
        Targets().ShouldNotContain("Summarize/demo");

        (await CliRunner.RunAsync("build", "--manifest", manifest)).ExitCode.ShouldBe(0);
        Targets().ShouldContain("Summarize/demo");
        var (againCode, again, _) = await CliRunner.RunAsync("build", "--manifest", manifest, "-d", "demo");
        againCode.ShouldBe(0);
        again.ShouldContain("Nothing to do: all 8 targets are up to date.", Case.Sensitive, "Summarize/other is not among them");
        Targets().ShouldContain("Summarize/other", "a partial build never drops another dataset's entries");

        var (planCode, plan, _) = await CliRunner.RunAsync("plan", "--manifest", manifest, "--dataset", "demo", "--json");
        planCode.ShouldBe(0);
        JsonNode.Parse(plan)!["targets"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ShouldNotContain("Summarize/other");
    }

    [Fact]
    public async Task Dataset_Unknown_IsAUsageErrorNamingTheDatasets()
    {
        var manifest = WriteTwoDatasets();

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--manifest", manifest, "--dataset", "demo", "--dataset", "nope");

        code.ShouldBe(2);
        stderr.ShouldContain($"error: --dataset: {manifest} has no dataset 'nope'; its datasets: demo, other");
        File.Exists(Path.Combine(_temp.Path, "datasets.lock")).ShouldBeFalse();
    }

    [Fact]
    public async Task Force_RunsEveryTargetAgain_EvenWhenFresh_AndIsRefusedWithShard()
    {
        var manifest = new TestManifest().WriteTo(_temp.Path);
        (await CliRunner.RunAsync("build", "--manifest", manifest)).ExitCode.ShouldBe(0);

        var (code, stdout, stderr) = await CliRunner.RunAsync("build", "--manifest", manifest, "--force");
        var (shardCode, _, shardErrors) = await CliRunner.RunAsync("build", "--manifest", manifest, "--force", "--shard", "1/2");
        var (plainCode, plain, _) = await CliRunner.RunAsync("build", "--manifest", manifest);

        code.ShouldBe(0, stderr);
        stdout.ShouldContain("forced: every target runs again");
        stdout.ShouldContain("Done: 8 built (8 with unchanged output), 0 restored from cache, 0 up to date, 0 failed.");
        shardCode.ShouldBe(2);
        shardErrors.ShouldContain("error: --shard 1/2 with --force");
        plainCode.ShouldBe(0);
        plain.ShouldContain("Nothing to do: all 8 targets are up to date.");
    }

    private string WriteTwoDatasets()
    {
        var json = new TestManifest().ToJson();
        json["datasets"]!["other"] = new JsonObject { ["sources"] = new JsonArray("local-demo") };
        var path = Path.Combine(_temp.Path, "datasets.yaml");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private List<string> Targets() => [.. LockFile.Read(Path.Combine(_temp.Path, "datasets.lock")).Entries.Keys];
}
