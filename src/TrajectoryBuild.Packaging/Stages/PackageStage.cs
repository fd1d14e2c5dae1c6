using TrajectoryBuild.Keys;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rewards.Stages;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Packaging.Stages;

/// <summary>
/// Stage 8, a producer: one target per dataset, <c>Package/dataset/&lt;name&gt;</c>. From every evaluated trajectory stage
/// 5 accepted, with its reward and failure class, it writes the declared corpora (SFT, preference, process reward) as
/// JSONL and Parquet shards split by repository, the Hugging Face dataset card, Croissant metadata and an in-toto /
/// SLSA v1 provenance statement over every file. Keyed by the trajectories, their evaluations, verdicts, rewards and
/// tags, the environments, the annotation export and the packaging options.
/// </summary>
internal sealed partial class PackageStage : IStage
{
    public const string StageName = "Package";
    public const string SummaryFile = "summary.txt";
    public const string ReportFile = "report.json";
    public const string ProvenanceFile = "provenance.intoto.json";

    public string Name => StageName;

    public int Version => 6;

    public StageRole Role => StageRole.Produce;

    public static string DatasetTarget(string dataset) => $"{StageName}/dataset/{dataset}";

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var labels = context.Manifest.Root["verification"]?["human"]?["labels"]?.GetValue<string>() is { } relative ? ManifestView.Resolve(context.Manifest, relative) : null;
        foreach (var (dataset, all) in StageRow.ByDataset(context, plan, Name, "the corpora, card and provenance of dataset {0}"))
        {
            var rows = all.Where(r => !r.Filtered && r.Task?.Environment is not null).ToList();
            var settings = PackagingSettings.Of(context.Manifest, dataset);
            plan.Add(new TargetSpec(Name, $"dataset/{dataset}")
            {
                Params = settings.Json.DeepClone(),
                Inputs = new Dictionary<string, string> { ["annotation_export"] = labels is not null && File.Exists(labels) ? Digest.OfFile(labels) : Digest.OfText("") },
                Upstream =
                [
                    .. rows.SelectMany(r => r.Upstream()),
                    .. rows.Select(r => new UpstreamRef($"{VerifyStage.StageName}/{r.Id}", VerifyStage.RecordFile)),
                    .. rows.Select(r => new UpstreamRef($"{RewardStage.StageName}/{r.Id}", RewardStage.RecordFile)),
                    .. rows.Where(r => !r.Row.Resolved).Select(r => new UpstreamRef($"{TagStage.StageName}/{r.Id}", TagStage.RecordFile)),
                    .. rows.Select(r => EnvironmentStage.Target(r.Task!.Environment!.Name)).Distinct(StringComparer.Ordinal).Select(t => new UpstreamRef(t, EnvironmentStage.ImageFile)),
                ],
                Locals = new PackageInputs(dataset, rows, settings, labels),
            });
        }

        return plan;
    }
}

internal sealed record PackageInputs(string Dataset, IReadOnlyList<StageRow> Rows, PackagingSettings Settings, string? AnnotationExport);
