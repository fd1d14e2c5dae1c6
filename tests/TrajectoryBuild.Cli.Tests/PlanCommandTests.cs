using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

public sealed class PlanCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Plan_AfterAVerifierChange_ExplainsEachTargetBackToTheRootCause()
    {
        var manifest = new TestManifest().WriteTo(_temp.Path);
        (await CliRunner.RunAsync("build", "--manifest", manifest, "--jobs", "1")).ExitCode.ShouldBe(0);
        (new TestManifest() with { TestCommand = "pytest -x" }).WriteTo(_temp.Path);

        var (code, stdout, stderr) = await CliRunner.RunAsync("plan", "--explain", "--manifest", manifest);

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        Approvals.Verify(stdout.Replace(manifest, "<manifest>", StringComparison.Ordinal), "plan-explain-verifier-change");
    }

    [Fact]
    public async Task Plan_Json_IsDeterministicAndCarriesTheSameFacts()
    {
        var manifest = new TestManifest().WriteTo(_temp.Path);
        await CliRunner.RunAsync("build", "--manifest", manifest);
        (new TestManifest() with { Tasks = [("t1", "1111111"), ("t2", "2ffffff"), ("t3", "3333333")] }).WriteTo(_temp.Path);

        var first = await CliRunner.RunAsync("plan", "--json", "--manifest", manifest);
        var second = await CliRunner.RunAsync("plan", "--json", "--manifest", manifest);

        first.ExitCode.ShouldBe(0);
        second.Stdout.ShouldBe(first.Stdout);
        var json = System.Text.Json.Nodes.JsonNode.Parse(first.Stdout)!;
        json["upToDate"]!.GetValue<bool>().ShouldBeFalse();
        var collect = json["targets"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == "Collect/local-demo")!;
        collect["status"]!.GetValue<string>().ShouldBe("STALE");
        collect["causes"]![0]!["kind"]!.GetValue<string>().ShouldBe("INPUT");
    }

    [Fact]
    public async Task Plan_ExitCode_IsOneOnlyWhenSomethingWouldRun()
    {
        var manifest = new TestManifest().WriteTo(_temp.Path);

        (await CliRunner.RunAsync("plan", "--exit-code", "--manifest", manifest)).ExitCode.ShouldBe(1);
        await CliRunner.RunAsync("build", "--manifest", manifest);
        var (code, stdout, _) = await CliRunner.RunAsync("plan", "--exit-code", "--manifest", manifest);

        code.ShouldBe(0);
        stdout.ShouldEndWith("8 targets: 8 fresh, 0 cached, 0 stale, 0 missing. Nothing to do.\n");
    }

    [Fact]
    public async Task Build_SecondRun_SaysNothingToDo()
    {
        var manifest = new TestManifest().WriteTo(_temp.Path);
        var first = await CliRunner.RunAsync("build", "--manifest", manifest);
        first.ExitCode.ShouldBe(0);
        first.Stdout.ShouldContain("Done: 8 built, 0 restored from cache, 0 up to date, 0 failed.");

        var (code, stdout, _) = await CliRunner.RunAsync("build", "--manifest", manifest);

        code.ShouldBe(0);
        stdout.ShouldEndWith("Nothing to do: all 8 targets are up to date.\n");
    }

    [Fact]
    public async Task Build_InvalidManifest_ReportsEveryErrorAndBuildsNothing()
    {
        var manifest = Path.Combine(_temp.Path, "datasets.yaml");
        await File.WriteAllTextAsync(manifest, "version: 1\nsorces: {}\ndatasets:\n  demo:\n    sources: [nope]\n", TestContext.Current.CancellationToken);

        var (code, stdout, stderr) = await CliRunner.RunAsync("build", "--manifest", manifest);

        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain($"{manifest}:2:1: error: unknown key 'sorces'");
        stderr.ShouldContain($"{manifest}:5:15: error: undefined source 'nope'");
        stderr.ShouldContain("errors in");
        Directory.Exists(Path.Combine(_temp.Path, ".trajbuild")).ShouldBeFalse();
    }

    [Fact]
    public async Task Plan_KeepsTheManifestInTheSchemaMemo_AndValidateWritesNothing()
    {
        var manifest = new TestManifest().WriteTo(_temp.Path);
        var memo = Path.Combine(_temp.Path, ".trajbuild", Manifest.SchemaMemo.FileName);

        (await CliRunner.RunAsync("validate", manifest)).ExitCode.ShouldBe(0);
        Directory.Exists(Path.Combine(_temp.Path, ".trajbuild")).ShouldBeFalse();
        var first = await CliRunner.RunAsync("plan", "--manifest", manifest);
        var kept = await File.ReadAllLinesAsync(memo, TestContext.Current.CancellationToken);
        var second = await CliRunner.RunAsync("plan", "--manifest", manifest, "--no-stamp");

        first.ExitCode.ShouldBe(0, first.Stderr);
        kept.ShouldHaveSingleItem().Length.ShouldBe(64);
        second.ShouldBe(first);
        (await File.ReadAllLinesAsync(memo, TestContext.Current.CancellationToken)).ShouldBe(kept);
    }

    [Fact]
    public async Task Validate_DemoManifest_IsValid()
    {
        var (code, stdout, _) = await CliRunner.RunRealAsync("validate", Path.Combine(RepositoryRoot.Path, "datasets.yaml"));

        code.ShouldBe(0);
        stdout.ShouldEndWith("datasets.yaml: valid\n");
    }
}
