namespace Build.Parameters;

/// <summary>Every parameter the host accepts; help lists them in this order.</summary>
internal static class ParameterDefinitions
{
    public static ParameterDefinition Configuration { get; } = new(
        "configuration", ParameterType.Text, "TRAJBUILD_CONFIGURATION", "Debug", "Build configuration for Compile and Test.");

    public static ParameterDefinition Manifest { get; } = new(
        "manifest", ParameterType.Text, "TRAJBUILD_MANIFEST", "datasets.yaml", "Dataset manifest for Plan and the stage targets.");

    public static ParameterDefinition Jobs { get; } = new(
        "jobs", ParameterType.PositiveInteger, "TRAJBUILD_JOBS", "processor count", "Dataset targets built in parallel by the engine.");

    public static ParameterDefinition KeepGoing { get; } = new(
        "keep-going", ParameterType.Boolean, "TRAJBUILD_KEEP_GOING", "false", "Continue past failures (host targets and engine targets); report all at the end.");

    public static ParameterDefinition Explain { get; } = new(
        "explain", ParameterType.Boolean, "TRAJBUILD_EXPLAIN", "false", "Plan: say why each dataset target is fresh, cached or stale.");

    public static ParameterDefinition Json { get; } = new(
        "json", ParameterType.Boolean, "TRAJBUILD_JSON", "false", "Plan: print the plan as JSON.");

    public static ParameterDefinition Stage { get; } = new(
        "stage", ParameterType.Stage, "TRAJBUILD_STAGE", "all stages", "Plan: only this stage and its upstream.");

    public static ParameterDefinition DryRun { get; } = new(
        "dry-run", ParameterType.Boolean, "TRAJBUILD_DRY_RUN", "false", "Stage targets: let the engine show what it would build, without building. Release: check and print the notes, change nothing.");

    public static ParameterDefinition Suite { get; } = new(
        "suite", ParameterType.Suite, "TRAJBUILD_BENCH_SUITE", BenchSuites.Macro,
        "Bench: which benchmarks. macro: no-op and one-change plans of 100,000 tasks vs ninja -n, plan scaling (1k-100k), packaging, cache restores (local, nginx); "
        + "writes artifacts/bench/*.json and the table and SVG of docs/benchmarks.md. micro: BenchmarkDotNet (keys, canonical JSON, importers). "
        + "scaling-1m: the long 1,000,000-task point of the scaling curve. stage2: stage 2 vs the docker CLI (needs Docker).");

    public static ParameterDefinition Iterations { get; } = new(
        "iterations", ParameterType.PositiveInteger, "TRAJBUILD_BENCH_ITERATIONS", "10", "Bench, BenchImport: measured iterations of each benchmark variant.");

    public static ParameterDefinition SizeMb { get; } = new(
        "size-mb", ParameterType.PositiveInteger, "TRAJBUILD_BENCH_SIZE_MB", "1024", "BenchImport: size of the generated import corpus, in MB.");

    public static ParameterDefinition Version { get; } = new(
        "version", ParameterType.Version, "TRAJBUILD_RELEASE_VERSION", "release.version", "Release: the version to release; it must equal release.version in the manifest.");

    public static ParameterDefinition Dataset { get; } = new(
        "dataset", ParameterType.OptionalText, "TRAJBUILD_DATASET", "every dataset", "Plan, Build and stage targets: only these datasets (comma-separated) and what they need; the lock keeps the others' entries.");

    public static ParameterDefinition Force { get; } = new(
        "force", ParameterType.Boolean, "TRAJBUILD_FORCE", "false", "Build and stage targets: run every target again, ignoring cached results, and replace them (not with --shard).");

    public static ParameterDefinition Shard { get; } = new(
        "shard", ParameterType.Shard, "TRAJBUILD_SHARD", "none", "Build and stage targets: build one leg of a sharded build; run all n legs at once on one shared --cache-url. Each leg builds the task chains it owns and takes the rest from the cache.");

    public static ParameterDefinition ShardTimeout { get; } = new(
        "shard-timeout", ParameterType.OptionalText, "TRAJBUILD_SHARD_TIMEOUT", "60m", "Build and stage targets with --shard: how long a leg waits for a target another leg builds (s, m or h).");

    public static ParameterDefinition CacheUrl { get; } = new(
        "cache-url", ParameterType.OptionalText, "TRAJBUILD_CACHE_URL", "none", "Build, stage targets and Plan: the shared cache (Bazel HTTP cache protocol); credentials from TRAJBUILD_CACHE_TOKEN, or TRAJBUILD_CACHE_USER and _PASSWORD.");

    public static ParameterDefinition CacheReadOnly { get; } = new(
        "cache-read-only", ParameterType.Boolean, "TRAJBUILD_CACHE_READ_ONLY", "false", "Build and stage targets: only download from the shared cache (pull requests, untrusted builds).");

    public static ParameterDefinition Matrix { get; } = new(
        "matrix", ParameterType.Boolean, "TRAJBUILD_MATRIX", "false", "Plan: print one JSON line for a CI matrix of sharded legs ({\"stale\", ..., \"shard\": [\"1/n\", ...]}).");

    public static ParameterDefinition MaxShards { get; } = new(
        "max-shards", ParameterType.PositiveInteger, "TRAJBUILD_MAX_SHARDS", "8", "Plan --matrix: the most legs to ask for (at most 256).");

    public static IReadOnlyList<ParameterDefinition> All { get; } =
        [Configuration, Manifest, Jobs, KeepGoing, Explain, Json, Stage, DryRun, Dataset, Force, Shard, ShardTimeout, CacheUrl, CacheReadOnly, Matrix, MaxShards, Version, Suite, Iterations, SizeMb];
}
