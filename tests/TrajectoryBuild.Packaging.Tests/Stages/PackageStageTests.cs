using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Packaging.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rewards.Stages;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Packaging.Tests.Stages;

/// <summary>Stage 8 on the embedded demo (stages 1-7 first), run twice in two folders on the same upstream outputs: the same files, byte for byte.</summary>
public sealed class PackageStageTests : IDisposable
{
    private static readonly string s_manifest = DemoManifest.With("""
        verification:
          grading: {stability_runs: 1}
        packaging:
          formats: [sharegpt, openai, dpo, kto, kto_llamafactory, prm, stepwise]
          files: [jsonl, parquet]
          splits: {by: repository, seed: 7, fractions: {train: 0.5, test: 0.5}}
          shard_rows: 2
        release:
          version: 0.1.0
          card: {license: mit, description: Demo.}
        """);

    private static readonly Pipeline s_pipeline = new(
    [
        new MineStage(), new CloneStage(), new EnvironmentStage(), new ReproduceStage(), new RolloutStage(), new CaptureStage(), new EvaluateStage(),
        new VerifyStage(), new RewardStage(), new TagStage(), new PackageStage(),
    ]);

    private readonly TempDirectory _first = new();
    private readonly TempDirectory _second = new();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public async Task Build_AgainInAnotherFolderFromTheSameUpstreamOutputs_WritesTheSameFiles_AndAValidStatementOverAllOfThem()
    {
        await Requires.DockerAsync();
        var (manifest, options) = DemoWorkspace.Create(_first, s_manifest);
        var first = await BuildAsync(manifest, options);
        var one = Subjects(first, options);
        (await CardProblemsAsync(first, options)).ShouldBeEmpty();

        // The same workspace in another folder, with the Package result evicted: stage 8 runs again on the same stage 1-7
        // outputs (every other target is a cache hit, since no key holds a path) and must write the same bytes.
        // (A fresh rollout of the reference agent is not byte-reproducible: its trajectory records real timings.)
        _second.CopyTree(_first.Path, "copy");
        var copy = BuildOptions.ForManifest(_second.Combine("copy", "datasets.yaml")) with { Jobs = 2 };
        var key = first.Results.Single(r => r.TargetId == PackageStage.DatasetTarget("demo")).Key!;
        File.Delete(Path.Combine(copy.CacheDirectory, "ac", key[..2], key));
        var second = await BuildAsync(ManifestLoader.Load(_second.Combine("copy", "datasets.yaml")).Document!, copy);

        second.Results.Where(r => r.Executed).Select(r => r.TargetId).ShouldBe([PackageStage.DatasetTarget("demo")]);
        Subjects(second, copy).ShouldBe(one);
        one.Keys.ShouldContain(k => k.StartsWith("data/sharegpt/train-", StringComparison.Ordinal) && k.EndsWith(".jsonl", StringComparison.Ordinal));
        one.Keys.ShouldContain(k => k.StartsWith("data/stepwise/", StringComparison.Ordinal) && k.EndsWith(".parquet", StringComparison.Ordinal));
        one.Keys.ShouldContain(k => k.StartsWith("data/kto/test-", StringComparison.Ordinal), "two repositories, one in each split");
        one.Keys.ShouldContain(k => k.StartsWith("data/kto_llamafactory/train-", StringComparison.Ordinal) && k.EndsWith(".parquet", StringComparison.Ordinal));
    }

    private static async Task<BuildReport> BuildAsync(ManifestDocument manifest, BuildOptions options)
    {
        var report = await new BuildEngine(s_pipeline, manifest, options).BuildAsync(TestContext.Current.CancellationToken);
        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.TargetId} {r.Outcome} {r.Error}")));
        return report;
    }

    // The card and croissant.json against the files they describe: every declared feature and row count, over every
    // format's Parquet shards; every Croissant field's type, over the JSONL rows or the Parquet columns it reads.
    private static async Task<IReadOnlyList<string>> CardProblemsAsync(BuildReport report, BuildOptions options)
    {
        using var folder = new TempDirectory();
        var cache = new LocalCache(options.CacheDirectory);
        var entry = cache.TryGetAction(report.Results.Single(r => r.TargetId == PackageStage.DatasetTarget("demo")).Key!)!;
        await cache.OutputsOf(entry).MaterializeAsync(folder.Path, TestContext.Current.CancellationToken);
        var card = await File.ReadAllTextAsync(folder.Combine(DatasetCard.FileName), TestContext.Current.CancellationToken);
        var croissant = await File.ReadAllTextAsync(folder.Combine(Croissant.FileName), TestContext.Current.CancellationToken);
        return [.. await DatasetCardValidator.ValidateAsync(card, folder.Path, TestContext.Current.CancellationToken),
            .. await CroissantValidator.ValidateAsync(croissant, folder.Path, TestContext.Current.CancellationToken)];
    }

    private static Dictionary<string, string> Subjects(BuildReport report, BuildOptions options)
    {
        var statement = BuiltOutputs.ReadText(report, options.CacheDirectory, PackageStage.DatasetTarget("demo"), PackageStage.ProvenanceFile);
        ProvenanceValidator.Validate(statement).ShouldBeEmpty();
        var subjects = JsonNode.Parse(statement)!["subject"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["digest"]!["sha256"]!.GetValue<string>());
        subjects.Keys.ShouldContain("README.md");
        subjects.Keys.ShouldContain("croissant.json");
        return subjects;
    }
}
