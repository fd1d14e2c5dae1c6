using TrajectoryBuild.Keys;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Rewards.Stages;

/// <summary>
/// Stage 7, a producer. Per failed trajectory (evaluated and not resolved, or filtered because its patch does not apply
/// or reaches outside the repository), <c>Tag/&lt;id&gt;</c>: one of six failure classes, or an infrastructure failure,
/// with the evidence of every detector that fired; a human tag from <c>taxonomy.overrides</c> wins and is recorded. Keyed
/// by the trajectory, its evaluation, its reward, the taxonomy (version, thresholds) and its human tag. Per dataset,
/// <c>Tag/dataset/&lt;name&gt;</c>: counts per class per scaffold x model, and detectors vs human tags.
/// </summary>
internal sealed partial class TagStage : IStage
{
    public const string StageName = "Tag";
    public const string RecordFile = "tag.json";
    public const string ReportFile = "report.json";
    public const string ReportTextFile = "report.txt";

    public string Name => StageName;

    public int Version => 3;

    public StageRole Role => StageRole.Produce;

    public static string DatasetTarget(string dataset) => $"{StageName}/dataset/{dataset}";

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var settings = TagSettings.Of(context.Manifest);
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (dataset, all) in StageRow.ByDataset(context, plan, Name, "one target per failed trajectory of dataset {0}, and its failure report"))
        {
            var failed = all.Where(r => r.Filtered || !r.Row.Resolved).ToList();
            foreach (var row in failed.Where(r => planned.Add(r.Id)))
            {
                var human = settings.Overrides.GetValueOrDefault(row.Id);
                plan.Add(new TargetSpec(Name, row.Id)
                {
                    Params = settings.Json(row.ContextWindow(context.Manifest), row.StepLimit(context.Manifest)),
                    Inputs = new Dictionary<string, string>
                    {
                        ["gold_files"] = row.GoldFilesDigest,
                        ["human_tag"] = human is null ? Digest.OfText("") : Digest.OfText(human.Line),
                    },
                    Upstream =
                    [
                        .. row.Upstream(),
                        .. row.Filtered
                            ? Array.Empty<UpstreamRef>()
                            : [new UpstreamRef($"{VerifyStage.StageName}/{row.Id}", VerifyStage.RecordFile), new UpstreamRef($"{RewardStage.StageName}/{row.Id}", RewardStage.RecordFile)],
                    ],
                    WorkUnit = row.Row.InstanceId,
                    Locals = new TagInputs(row, human, settings),
                });
            }

            plan.Add(new TargetSpec(Name, $"dataset/{dataset}")
            {
                Params = settings.Json(null, null),
                Inputs = new Dictionary<string, string> { ["overrides"] = settings.OverridesDigest },
                Upstream = [.. failed.Select(r => new UpstreamRef($"{Name}/{r.Id}", RecordFile))],
                Locals = new TagReportInputs(dataset, failed, settings),
            });
        }

        return plan;
    }
}

internal sealed record TagInputs(StageRow Row, HumanTag? Human, TagSettings Settings);

internal sealed record TagReportInputs(string Dataset, IReadOnlyList<StageRow> Rows, TagSettings Settings);
