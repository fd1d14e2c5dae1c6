using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.State;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>The shipped pipeline on the demo manifest: honest about what is not implemented yet.</summary>
public sealed class RealPipelineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string CopyDemo() => DemoWorkspace.CopyDemo(_temp, string.Empty);

    [Fact]
    public async Task Plan_DemoManifest_ListsFirstTargetsAndPendingStages()
    {
        var manifest = CopyDemo();

        var (code, stdout, _) = await CliRunner.RunRealAsync("plan", "--manifest", manifest);

        code.ShouldBe(0);
        Approvals.Verify(stdout.Replace(manifest, "<manifest>", StringComparison.Ordinal), "plan-demo");
    }

    [Fact]
    public async Task ImagesGc_StrayTaskImage_IsRemovedAndImagesOfBuiltTargetsAreKept()
    {
        await Requires.DockerAsync();
        var manifest = CopyDemo();
        (await CliRunner.RunRealAsync("build", "--manifest", manifest, "--stage", "Reproduce")).ExitCode.ShouldBe(0);
        using var engine = Containers.DockerEngine.FromEnvironment();
        var store = new Containers.ImageStore(engine);
        // The env image this build recorded: the engine also holds other tests' (and other manifests') env images.
        var (_, recorded, _) = await CliRunner.RunRealAsync("show", "--manifest", manifest, "Environment/python-bookworm", "image.json");
        var envImage = (await store.ListAsync(TestContext.Current.CancellationToken)).First(i => i.Name == System.Text.Json.Nodes.JsonNode.Parse(recorded)!["env_image"]!.GetValue<string>());
        const string Stray = "trajbuild/task:0000stray0000";
        await engine.Client.Images.TagImageAsync(envImage.Name, new Docker.DotNet.Models.ImageTagParameters { RepositoryName = "trajbuild/task", Tag = "0000stray0000" }, TestContext.Current.CancellationToken);

        var (listCode, listing, _) = await CliRunner.RunRealAsync("images", "--manifest", manifest);
        var (dryCode, dryRun, _) = await CliRunner.RunRealAsync("images", "--manifest", manifest, "--gc", "--dry-run");
        var (gcCode, gc, gcErrors) = await CliRunner.RunRealAsync("images", "--manifest", manifest, "--gc");

        listCode.ShouldBe(0);
        listing.ShouldContain($"unused  {Stray}");
        listing.ShouldContain($"used    {envImage.Name}");
        dryCode.ShouldBe(0);
        dryRun.ShouldContain($"would remove {Stray}");
        gcCode.ShouldBe(0, gcErrors);
        gc.ShouldContain($"removed {Stray}");
        var left = (await store.ListAsync(TestContext.Current.CancellationToken)).Select(i => i.Name).ToList();
        left.ShouldNotContain(Stray);
        left.ShouldContain(envImage.Name);
        left.Count(n => n.StartsWith("trajbuild/task:", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3, "the demo's three task images are used");
    }

    [Fact]
    public async Task Build_DemoPackage_BuildsEveryStageThroughPackage()
    {
        await Requires.DockerAsync();
        var manifest = CopyDemo();

        var (code, stdout, _) = await CliRunner.RunRealAsync("build", "--manifest", manifest, "--stage", "Package");

        code.ShouldBe(0, stdout);
        stdout.ShouldContain("built      Clone/dataset/demo");
        stdout.ShouldContain("built      Reproduce/demo__textutils-4");
        stdout.ShouldContain("built      Evaluate/dataset/demo");
        stdout.ShouldContain("built      Verify/dataset/demo");
        stdout.ShouldContain("built      Reward/dataset/demo");
        stdout.ShouldContain("built      Tag/dataset/demo");
        stdout.ShouldContain("built      Package/dataset/demo");
        stdout.ShouldContain("Done: 56 built, 0 restored from cache, 0 up to date, 0 failed.");

        // The build ends with what it made, per dataset, from every stage's report; a second run says the same.
        stdout.ShouldContain("\n\nDataset demo\n  executor      hermetic: Docker Engine (python-bookworm)\n  tasks         3 seen, 3 mined, 3 reproduced, 0 rejected\n");
        stdout.ShouldContain("\n  trajectories  9 produced, 3 filtered (1 patch-does-not-apply, 1 patch-outside-repo, 1 quarantined), 6 evaluated, 5 resolved (83.3%)\n");
        stdout.ShouldContain("\n    recorded/recorded-demo-model  5 produced, 2 filtered, 3 evaluated, 2 resolved (66.7%)\n");
        stdout.ShouldContain("\n    reference/scripted            3 produced, 0 filtered, 3 evaluated, 3 resolved (100.0%)\n");
        stdout.ShouldContain("\n  verification  6 accepted, 0 rejected; human slice 1 of 6 (17%), 1 labelled\n");
        stdout.ShouldContain("\n  agreement     pooled Cohen's kappa 0.000 FAIL (target 0.780, 15 items); axes: 1 FAIL (factual_grounding), 4 undefined\n");
        stdout.ShouldContain("\n  failures      3 failed trajectories: broken_implementation 1, localization 1, semantic_gap 1 (1 human tag)\n");
        stdout.ShouldContain("\n  files         dpo 1 row, openai 6 rows, prm 6 rows, sharegpt 6 rows in 4 data files (jsonl); also README.md, croissant.json, provenance.intoto.json, records.jsonl, report.json, summary.txt\n");
        stdout.ShouldEndWith("\n                get them: trajbuild show Package/dataset/demo --out DIR\n");
        var again = await CliRunner.RunRealAsync("build", "--manifest", manifest, "--stage", "Package");
        again.ExitCode.ShouldBe(0, again.Stdout);
        again.Stdout.ShouldContain("Nothing to do: all 56 targets are up to date.\n\nDataset demo\n");
        again.Stdout[again.Stdout.IndexOf("\nDataset demo\n", StringComparison.Ordinal)..].ShouldBe(stdout[stdout.IndexOf("\nDataset demo\n", StringComparison.Ordinal)..]);
        var (_, summary, _) = await CliRunner.RunRealAsync("show", "--manifest", manifest, "Package/dataset/demo", "summary.txt");
        summary.ShouldStartWith("Package of dataset demo: 6 accepted trajectories of 6 evaluated (5 resolved)\n");
        var (_, statement, _) = await CliRunner.RunRealAsync("show", "--manifest", manifest, "Package/dataset/demo", "provenance.intoto.json");
        TrajectoryBuild.Packaging.Output.ProvenanceValidator.Validate(statement).ShouldBeEmpty();

        // Keys hold no absolute path or time: a build elsewhere writes exactly the committed lock for stage 1.
        // (Stage 2 keys include the base image's root filesystem digest, which changes, rightly, when Debian
        // publishes new package versions; so they are compared only for being there.)
        var built = LockFile.Read(Path.Combine(_temp.Path, "datasets.lock")).Entries;
        var committed = LockFile.Read(Path.Combine(RepositoryRoot.Path, "datasets.lock")).Entries;
        built.Keys.ShouldBe(committed.Keys);
        foreach (var (id, entry) in committed.Where(e => e.Key.StartsWith("Mine/", StringComparison.Ordinal) || e.Key.StartsWith("Clone/", StringComparison.Ordinal)))
        {
            built[id].Key.ShouldBe(entry.Key, id);
            built[id].Outputs.ShouldBe(entry.Outputs, id);
        }
        var (showCode, report, _) = await CliRunner.RunRealAsync("show", "--manifest", manifest, "Clone/dataset/demo", "report.txt");
        showCode.ShouldBe(0);
        report.ShouldStartWith("Mining report for dataset demo: 3 candidates seen, 3 kept, 0 rejected\n");
        var folder = Path.Combine(_temp.Path, "out");
        (await CliRunner.RunRealAsync("show", "--manifest", manifest, "Mine/dataset/demo", "--out", folder)).ExitCode.ShouldBe(0);
        File.ReadAllText(Path.Combine(folder, "report.txt")).ShouldBe(report);
        Directory.GetFiles(Path.Combine(folder, "tasks")).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["demo__calculator-1.json", "demo__calculator-2.json", "demo__textutils-4.json"]);

        // The human slice goes from the build straight into the annotation store.
        var db = Path.Combine(_temp.Path, "annotate.db");
        var (loadCode, loaded, loadErrors) = await CliRunner.RunRealAsync("annotate", "load", "--manifest", manifest, "--db", db);
        loadCode.ShouldBe(0, loadErrors);
        loaded.ShouldContain("loaded Verify/dataset/demo/slice.jsonl into ");
        loaded.ShouldContain(": 1 new items, 0 already loaded, 0 gold");
        (await CliRunner.RunRealAsync("annotate", "load", "--manifest", manifest, "--db", db)).Stdout.ShouldContain(": 0 new items, 1 already loaded");
    }

    [Fact]
    public async Task AnnotateLoad_BeforeABuild_SaysWhatToBuild()
    {
        var manifest = CopyDemo();

        var (code, _, stderr) = await CliRunner.RunRealAsync("annotate", "load", "--manifest", manifest, "--db", Path.Combine(_temp.Path, "a.db"));

        code.ShouldBe(1);
        stderr.ShouldContain("error: Verify/dataset/demo is not planned yet: Verify waits for Evaluate/dataset/demo; build it first (trajbuild build --stage Verify)");
    }

    [Fact]
    public async Task Show_TargetNotBuilt_SaysHowToBuildIt()
    {
        var manifest = CopyDemo();

        var (code, _, stderr) = await CliRunner.RunRealAsync("show", "--manifest", manifest, "Mine/dataset/demo", "report.txt");

        code.ShouldBe(1);
        stderr.ShouldContain("error: Mine/dataset/demo is MISSING: build it first (trajbuild build --stage Mine)");
    }

    [Fact]
    public async Task BuiltProgram_Help_ListsTheCommands()
    {
        using var child = ChildProcess.Start("trajbuild", ["--help"], _temp.Path);

        (await child.WaitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0);
        child.Stdout.ShouldContain("Usage:\n  trajbuild [command] [options]");
        child.Stdout.ShouldContain("  build  ");
    }

    [Fact]
    public async Task BuiltProgram_BadOption_ExitsTwo()
    {
        using var child = ChildProcess.Start("trajbuild", ["plan", "--no-such-option"], _temp.Path);

        (await child.WaitAsync(TimeSpan.FromSeconds(60))).ShouldBe(2);
        child.Stderr.ShouldContain("--no-such-option");
    }
}
