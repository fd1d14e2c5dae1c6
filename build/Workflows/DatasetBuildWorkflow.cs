using Build.Parameters;
using Build.Workflows.Yaml;

namespace Build.Workflows;

/// <summary>
/// pipelines/dataset-build.yml: on a change to the manifest, its lock, the environment specs or build/ (push to main,
/// pull request) and on dispatch, a plan job computes the stale targets and a matrix of legs, the build legs run
/// <c>--shard i/n</c> all at once on the shared cache, and a package job assembles the corpora from it. Pull requests
/// get the plan and its explanation only, with read-only cache credentials.
/// </summary>
internal static partial class DatasetBuildWorkflow
{
    public const string FileName = "dataset-build.yml";

    public const string Name = "dataset-build";

    /// <summary>Where the environment specs live (the manifest loader's pipelines/environments folder).</summary>
    public const string EnvironmentFolder = "pipelines/environments";

    private const string TargetsInput = "targets";
    private const string DatasetsInput = "datasets";
    private const string ForceInput = "force";

    private static string MaxShardsInput => ParameterDefinitions.MaxShards.Name;

    public static string Manifest => ParameterDefinitions.Manifest.DefaultText;

    public static string LockFile => Path.GetFileName(TrajectoryBuild.Scheduling.BuildOptions.ForManifest(Manifest).LockPath);

    /// <summary>What the build legs run: the dispatch input, else Build.</summary>
    private static string LegTarget => Expressions.Of($"inputs.{TargetsInput} || {Expressions.Literal(HostCommand.Build)}");

    public static YamlMap Create() => WorkflowSkeleton.Create(
        Name,
        Triggers(),
        // A new push to a pull request makes its plan out of date; builds of main queue instead, so no leg is cut off.
        Expressions.Of(Expressions.IsPullRequest),
        // Pull requests never upload, whatever a step asks for (the host reads this variable for every build).
        new YamlMap(
            (HostCommand.EnvironmentVariable(ParameterDefinitions.CacheReadOnly), Expressions.Of(Expressions.IsPullRequest)),
            // Every job plans and builds the same datasets: the dispatch input (empty, and on other events, is every dataset).
            (HostCommand.EnvironmentVariable(ParameterDefinitions.Dataset), Expressions.Of($"inputs.{DatasetsInput}"))),
        ("plan", PlanJob()),
        ("build", BuildJob()),
        ("package", PackageJob()));

    private static YamlMap Triggers()
    {
        string[] paths = [Manifest, LockFile, $"{EnvironmentFolder}/**", "build/**", $".github/workflows/{FileName}"];
        return new YamlMap(
            ("push", new YamlMap(("branches", YamlSequence.Of(["main"])), ("paths", YamlSequence.Of(paths)))),
            ("pull_request", new YamlMap(("paths", YamlSequence.Of(paths)))),
            ("workflow_dispatch", new YamlMap(("inputs", DispatchInputs()))));
    }

    private static YamlMap DispatchInputs() => new(
        (TargetsInput, new YamlMap(
            ("description", $"The build host target every build leg runs with {ParameterDefinitions.Shard.Option}: {HostCommand.Build} (every stage) or one stage (that stage and its upstream). The package job runs only after {HostCommand.Build} or {HostCommand.Package}."),
            ("type", "choice"),
            ("default", HostCommand.Build),
            ("options", YamlSequence.Of(HostCommand.ShardableTargets)))),
        (DatasetsInput, new YamlMap(
            ("description", $"Only these datasets, comma-separated, and what they need ({ParameterDefinitions.Dataset.Option}); empty: every dataset. The lock keeps the other datasets' entries."),
            ("type", "string"),
            ("required", false),
            ("default", string.Empty))),
        (ForceInput, new YamlMap(
            ("description", "Rebuild ignoring the shared cache: the legs share a fresh, empty part of it (force/<run id>/ under the cache URL), so nothing cached is read and the results do not replace the main cache's."),
            ("type", "boolean"),
            ("default", false))),
        (MaxShardsInput, new YamlMap(
            ("description", $"The most build legs ({ParameterDefinitions.MaxShards.Option}, 1 to {ShardSpecLimit}). Every leg runs at once, so keep it within the runners you have."),
            ("type", "string"),
            ("default", ParameterDefinitions.MaxShards.DefaultText))));

    private static int ShardSpecLimit => TrajectoryBuild.Scheduling.ShardSpec.MaxCount;
}
