using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Stages;

/// <summary>
/// Stage 5, a checker. Per evaluated trajectory, two targets:
/// <list type="bullet">
/// <item><c>Verify/gate/&lt;id&gt;</c>: the gate (rules, or a model) scores every turn; keyed by the trajectory, its
/// evaluation and the gate (verifier version, model, prompt digest, threshold).</item>
/// <item><c>Verify/&lt;id&gt;</c>: the final per-turn scores, human where people labelled the turn (adjudicated first),
/// else the gate's; the trajectory score and accept/reject. Keyed also by the digest of this trajectory's lines in the
/// label file, so changing one trajectory's labels re-runs only this target and what depends on it.</item>
/// </list>
/// And per dataset, <c>Verify/dataset/&lt;name&gt;</c>: the human slice to annotate (<c>slice.jsonl</c>), agreement per
/// axis against the target, and the gate's accuracy on the human slice (<c>report.json</c>, <c>report.txt</c>).
/// Filtered trajectories (patch outside the repo or not applying) are not verified: they leave the data at stage 4.
/// </summary>
internal sealed partial class VerifyStage : IStage
{
    public const string StageName = "Verify";
    public const string GateFile = "gate.json";
    public const string RecordFile = "verify.json";
    public const string SliceFileName = "slice.jsonl";
    public const string ReportFile = "report.json";
    public const string ReportTextFile = "report.txt";

    public string Name => StageName;

    public int Version => 3;

    public StageRole Role => StageRole.Check;

    public static string DatasetTarget(string dataset) => $"{StageName}/dataset/{dataset}";

    public static string GateTarget(string trajectoryId) => $"{StageName}/gate/{trajectoryId}";

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var options = VerifyOptions.Of(context.Manifest);
        var labels = LoadLabels(options.LabelsPath);
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (dataset, _) in ManifestView.Datasets(context.Manifest))
        {
            var evaluated = EvaluateStage.DatasetTarget(dataset);
            if (context.OutputsOf(evaluated) is not { } outputs)
            {
                plan.Defer(Name, $"two targets per evaluated trajectory of dataset {dataset}, and its verification report", evaluated);
                continue;
            }

            var rows = outputs.ReadAllText(RolloutReport.IndexFile).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonNode.Parse(line)!.AsObject())
                .Where(row => row["status"]?.GetValue<string>() == "evaluated")
                .Select(TrajectoryRow.Of)
                .ToList();
            foreach (var row in rows.Where(r => planned.Add(r.Id)))
            {
                plan.Add(GateSpec(row, options));
                plan.Add(VerifySpec(row, options, labels.GetValueOrDefault(row.Id, [])));
            }

            plan.Add(new TargetSpec(Name, $"dataset/{dataset}")
            {
                Params = options.ReportParams(),
                Inputs = new Dictionary<string, string> { ["labels"] = options.LabelsPath is { } path ? Digest.OfFile(path) : Digest.OfText("") },
                Upstream =
                [
                    new UpstreamRef(evaluated, RolloutReport.IndexFile),
                    .. rows.Select(r => new UpstreamRef($"{Name}/{r.Id}", RecordFile)),
                    .. rows.Select(r => new UpstreamRef(GateTarget(r.Id), GateFile)),
                    .. rows.Select(r => new UpstreamRef(r.Capture, r.File)),
                ],
                Locals = new ReportInputs(dataset, rows, [.. labels.Values.SelectMany(a => a)], options),
            });
        }

        return plan;
    }

    private static Dictionary<string, List<TrajectoryAnnotation>> LoadLabels(string? path)
    {
        if (path is null)
        {
            return [];
        }

        if (!File.Exists(path))
        {
            throw new StagePlanException($"verification.human.labels: {path} does not exist (export it with 'trajbuild annotate export --format jsonl -o {path}', or remove the key)");
        }

        try
        {
            return LabelsJsonl.ReadFile(path).GroupBy(a => a.TrajectoryId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        }
        catch (LabelFileException e)
        {
            throw new StagePlanException($"verification.human.labels: {e.Message}", e);
        }
    }

    private TargetSpec GateSpec(TrajectoryRow row, VerifyOptions options)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.GateModel?.Scripted is { } scripted)
        {
            inputs["scripts"] = Rollouts.Matrix.FolderDigest.Of(scripted);
        }

        return new TargetSpec(Name, $"gate/{row.Id}")
        {
            Params = options.GateParams(),
            Inputs = inputs,
            Upstream = [new UpstreamRef(row.Capture, row.File), new UpstreamRef($"{EvaluateStage.StageName}/{row.Id}", EvaluateStage.RecordFile)],
            WorkUnit = row.InstanceId,
            Locals = new GateInputs(row, options),
        };
    }

    private TargetSpec VerifySpec(TrajectoryRow row, VerifyOptions options, List<TrajectoryAnnotation> annotations) => new(Name, row.Id)
    {
        Params = new JsonObject { ["threshold"] = options.Threshold, ["guidelines_version"] = Axes.GuidelinesVersion },
        Inputs = new Dictionary<string, string> { ["labels"] = LabelsDigest(annotations) },
        Upstream = [new UpstreamRef(GateTarget(row.Id), GateFile)],
        WorkUnit = row.InstanceId,
        Locals = new VerifyInputs(row, annotations, options),
    };

    /// <summary>The digest of one trajectory's label lines, as the label file writes them: order and file position do not matter.</summary>
    internal static string LabelsDigest(IReadOnlyCollection<TrajectoryAnnotation> annotations)
    {
        using var buffer = new MemoryStream();
        LabelsJsonl.Write(buffer, annotations);
        return Digest.Of(buffer.ToArray());
    }
}
