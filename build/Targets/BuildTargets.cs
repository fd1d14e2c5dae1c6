using Build.Host;
using Build.Parameters;

namespace Build.Targets;

/// <summary>The targets of this repository; help lists them in this order.</summary>
internal static partial class BuildTargets
{
    public const string Default = "Package";

    public static IReadOnlyList<Target> All { get; } =
    [
        new("Clean", "Delete bin/ and obj/ under src/, tests/ and bench/, and artifacts/ (the running build/ host is kept).", [], CleanAsync),
        new("Restore", "Restore the NuGet packages of TrajectoryBuild.sln.", [], RestoreAsync),
        new("Compile", "Build TrajectoryBuild.sln (--configuration).", ["Restore"], CompileAsync),
        new("Test", "Run every tests/*.Tests project; print failures and skips, then 'N passed, N failed'.", ["Compile"], TestAsync),
        new("Bench", "Run a benchmark suite in bench/ (Release; --suite, --iterations): macro (default: plans of 100,000 tasks vs ninja -n, scaling, packaging, cache restores; updates docs/benchmarks.md), micro (BenchmarkDotNet), scaling-1m, stage2 (vs the docker CLI; needs Docker).", [], BenchAsync),
        new("BenchImport", "Run the import benchmark in bench/ (Release): stages 3-4 import throughput and memory vs python's json (--size-mb, --iterations).", [], BenchImportAsync),
        new("Plan", "trajbuild plan: which dataset targets would run (--explain, --json, --stage, --manifest).", [], PlanAsync),
        new("Annotate", "Build through Verify, load every dataset's human slice, then run the annotation server on http://127.0.0.1:5080 (SQLite under .trajbuild/annotate; Ctrl+C stops it; admin from TRAJBUILD_ANNOTATE_ADMIN and _PASSWORD).", ["Verify"], AnnotateAsync),
        new("Build", "trajbuild build: every dataset target of every stage (--shard i/n builds one leg of a sharded build; --cache-url shares the cache).", [],
            (context, cancellationToken) => RunCliAsync(CliArguments.Build(null, context.Parameters), context, cancellationToken)),
        .. Stages.All.Select(Stage),
        new("Workflows", "Write pipelines/*.yml, the GitHub Actions workflows, from the build host's targets and parameters (a test fails when they drift).", [], WorkflowsAsync),
        new("Release", "trajbuild release: record the finished build as release.version (all FRESH and committed), write releases/<dataset>/, commit, tag <dataset>@v<version>. Builds nothing.", [], ReleaseAsync),
    ];

    private static Target Stage(string stage) => new(
        stage,
        $"trajbuild build --stage {stage}: the {stage} dataset targets and their upstream.",
        [],
        (context, cancellationToken) => BuildStageAsync(stage, context, cancellationToken));
}
