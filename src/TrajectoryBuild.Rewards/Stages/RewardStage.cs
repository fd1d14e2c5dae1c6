using TrajectoryBuild.Stages;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Rewards.Stages;

/// <summary>
/// Stage 6, a producer. Per evaluated trajectory, <c>Reward/&lt;id&gt;</c>: the outcome reward (from Evaluate only) and a
/// label per step (-1, 0, +1, a soft score, the source and every source's evidence) by the manifest's rule set; keyed by
/// the evaluation, the step labels of stage 5, the gold files and the rule set (and, with <c>monte_carlo</c>, the other
/// rollouts of the task). Per dataset, <c>Reward/dataset/&lt;name&gt;</c>: outcome totals and each heuristic's agreement
/// with the human labels of the annotated slice.
/// </summary>
internal sealed partial class RewardStage : IStage
{
    public const string StageName = "Reward";
    public const string RecordFile = "reward.json";
    public const string ReportFile = "report.json";
    public const string ReportTextFile = "report.txt";

    public string Name => StageName;

    public int Version => 2;

    public StageRole Role => StageRole.Produce;

    public static string DatasetTarget(string dataset) => $"{StageName}/dataset/{dataset}";

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var rules = RewardSettings.Of(context.Manifest);
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (dataset, all) in StageRow.ByDataset(context, plan, Name, "one target per evaluated trajectory of dataset {0}, and its reward report"))
        {
            var rows = all.Where(r => !r.Filtered).ToList();
            foreach (var row in rows.Where(r => planned.Add(r.Id)))
            {
                var siblings = rules.MonteCarlo ? rows.Where(r => r.Row.InstanceId == row.Row.InstanceId && r.Id != row.Id).ToList() : [];
                plan.Add(new TargetSpec(Name, row.Id)
                {
                    Params = rules.Json.DeepClone(),
                    Inputs = new Dictionary<string, string> { ["gold_files"] = row.GoldFilesDigest },
                    Upstream =
                    [
                        .. row.Upstream(),
                        new UpstreamRef($"{VerifyStage.StageName}/{row.Id}", VerifyStage.RecordFile),
                        .. siblings.SelectMany(s => s.Upstream()),
                    ],
                    WorkUnit = row.Row.InstanceId,
                    Locals = new RewardInputs(row, siblings, rules),
                });
            }

            plan.Add(new TargetSpec(Name, $"dataset/{dataset}")
            {
                Params = rules.Json.DeepClone(),
                Inputs = new Dictionary<string, string> { ["gold_files"] = Keys.Digest.OfText(string.Join('\n', rows.Select(r => r.GoldFilesDigest))) },
                Upstream =
                [
                    .. rows.Select(r => new UpstreamRef($"{Name}/{r.Id}", RecordFile)),
                    .. rows.SelectMany(r => r.Upstream()),
                    .. rows.Select(r => new UpstreamRef($"{VerifyStage.StageName}/{r.Id}", VerifyStage.RecordFile)),
                ],
                Locals = new RewardReportInputs(dataset, rows, rules),
            });
        }

        return plan;
    }
}

internal sealed record RewardInputs(StageRow Row, IReadOnlyList<StageRow> Siblings, RewardSettings Rules);

internal sealed record RewardReportInputs(string Dataset, IReadOnlyList<StageRow> Rows, RewardSettings Rules);
