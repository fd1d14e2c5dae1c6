using System.Text.Json.Nodes;
using TrajectoryBuild.Mining.Decontamination;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Mining.Stages;

/// <summary>
/// Stage 1: one target per source (read the source: a dataset file, a local folder, or GitHub through its snapshot)
/// and one per dataset (merge its sources, reject leaked, out-of-window and near-duplicate tasks, write the report).
/// Keys: the source definition, the digest of its content, the mining filters and the leak sets' digests.
/// Each kept task is its own output file, so a downstream target reads, and is keyed by, only its task.
/// </summary>
internal sealed partial class MineStage : IStage, IPlanInputs
{
    public const string StageName = "Mine";
    public const string TasksFolder = "tasks/";
    public const string KeptFile = "kept.json";
    public const string ReportFile = "report.json";
    public const string ReportTextFile = "report.txt";
    public const string SourceFile = "source.json";

    public string Name => StageName;

    public int Version => 2;

    public StageRole Role => StageRole.Produce;

    public static string SourceTarget(string source) => $"{StageName}/source/{source}";

    public static string DatasetTarget(string dataset) => $"{StageName}/dataset/{dataset}";

    public static string TaskFile(string instanceId) => $"{TasksFolder}{instanceId}.json";

    /// <summary>Where shipped leak lists are found: beside the program, else in the repository's data/leaksets.</summary>
    public static string ShippedLeakSets(string manifestDirectory)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "leaksets");
        return Directory.Exists(beside) ? beside : Path.Combine(manifestDirectory, "data", "leaksets");
    }

    /// <summary>The shipped leak lists: both places they are looked for, since the first decides which is used.</summary>
    public void DescribePlanInputs(TrajectoryBuild.Manifest.ManifestDocument manifest, PlanInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(inputs);
        inputs.Watch(Path.Combine(AppContext.BaseDirectory, "leaksets"));
        inputs.Watch(Path.Combine(manifest.BaseDirectory, "data", "leaksets"));
    }

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var manifest = context.Manifest;
        var plan = new StagePlan();
        foreach (var source in ManifestView.UsedSources(manifest))
        {
            var section = ManifestView.Source(manifest, source);
            plan.Add(new TargetSpec(Name, $"source/{source}")
            {
                Params = section.DeepClone(),
                Inputs = SourceInputs.For(manifest, ManifestView.String(section, "kind")!, section),
                Locals = source,
            });
        }

        var mining = ManifestView.Mining(manifest);
        var leakInputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ManifestView.Strings(mining, "leak_sets"))
        {
            leakInputs[$"leak_set:{name}"] = LeakSetDigest(name, manifest.BaseDirectory);
        }

        foreach (var (dataset, definition) in ManifestView.Datasets(manifest))
        {
            var sources = ManifestView.SourcesOf(definition);
            plan.Add(new TargetSpec(Name, $"dataset/{dataset}")
            {
                Params = new JsonObject
                {
                    ["contamination_cutoff"] = mining["contamination_cutoff"]?.DeepClone(),
                    ["near_duplicate_threshold"] = mining["near_duplicate_threshold"]?.DeepClone(),
                    ["sources"] = new JsonArray(sources.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                },
                Inputs = leakInputs,
                Upstream = sources.Select(s => new UpstreamRef(SourceTarget(s))).ToList(),
                Locals = dataset,
            });
        }

        return plan;
    }

    public Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = (string)context.Target.Locals!;
        return context.Target.Unit.StartsWith("source/", StringComparison.Ordinal)
            ? MineSourceAsync(context, name, cancellationToken)
            : MineDatasetAsync(context, name, cancellationToken);
    }

    private static string LeakSetDigest(string nameOrPath, string manifestDirectory)
    {
        try
        {
            return LeakSet.Load(nameOrPath, manifestDirectory, ShippedLeakSets(manifestDirectory)).Digest;
        }
        catch (LeakSetException e)
        {
            // The target runs and fails with this message; the plan stays listable.
            return Keys.Digest.OfText("unreadable:" + e.Message);
        }
    }
}
