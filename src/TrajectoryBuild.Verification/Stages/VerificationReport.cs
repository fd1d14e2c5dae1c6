using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Verification.Agreement;
using TrajectoryBuild.Verification.Gate;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Sampling;

namespace TrajectoryBuild.Verification.Stages;

/// <summary>
/// <c>Verify/dataset/&lt;name&gt;</c>: draws the human slice (<c>slice.jsonl</c>), measures agreement per axis on its
/// random part against the target, and the gate's accuracy against the human labels of that part
/// (<c>report.json</c>, <c>report.txt</c>).
/// </summary>
internal static class VerificationReport
{
    /// <summary>The metric the kappa target is checked with.</summary>
    public const AgreementMetric TargetMetric = AgreementMetric.CohenKappa;

    public static async Task WriteAsync(TargetContext context, ReportInputs inputs, CancellationToken cancellationToken)
    {
        var verdicts = inputs.Rows.ToDictionary(r => r.Id, r => JsonNode.Parse(context.Upstream($"{VerifyStage.StageName}/{r.Id}").ReadAllText(VerifyStage.RecordFile))!, StringComparer.Ordinal);
        var gates = inputs.Rows.ToDictionary(r => r.Id, r => JsonNode.Parse(context.Upstream(VerifyStage.GateTarget(r.Id)).ReadAllText(VerifyStage.GateFile))!, StringComparer.Ordinal);
        var candidates = inputs.Rows.Select(r => new SliceCandidate(
            r.Id, r.Repo, r.Scaffold, r.Model, r.Resolved, r.Steps, gates[r.Id]["score"]!.GetValue<double>(), gates[r.Id]["accept"]!.GetValue<bool>()));
        var picks = HumanSlice.Select(candidates, inputs.Options.Slice);
        var rows = inputs.Rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var items = picks.Select(p => new SliceItem(p.Candidate.TrajectoryId, p.Candidate.Stratum, p.Reason, p.Annotators, VerifyStage.ReadTrajectory(context, rows[p.Candidate.TrajectoryId]))
        {
            Outcome = p.Candidate.Resolved ? "resolved" : "unresolved",
            GateScore = p.Candidate.GateScore,
            GateVerifier = gates[p.Candidate.TrajectoryId]["verifier"]!.GetValue<string>(),
            GateTurns = [.. gates[p.Candidate.TrajectoryId]["turns"]!.AsArray().Select(t => VerifyStage.ScoresOf(t!))],
        });
        await File.WriteAllBytesAsync(Path.Combine(context.OutputDirectory, VerifyStage.SliceFileName), SliceFile.ToUtf8(items), cancellationToken).ConfigureAwait(false);

        var random = picks.Where(p => p.Reason == SliceReason.Random).Select(p => p.Candidate.TrajectoryId).ToHashSet(StringComparer.Ordinal);
        var byTrajectory = inputs.Annotations.GroupBy(a => a.TrajectoryId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var report = new JsonObject
        {
            ["dataset"] = inputs.Dataset,
            ["trajectories"] = inputs.Rows.Count,
            ["slice"] = SliceJson(picks, byTrajectory),
            ["labels_for_unknown_trajectories"] = byTrajectory.Keys.Count(id => !rows.ContainsKey(id)),
            ["agreement"] = AgreementJson(inputs, random),
            ["gate"] = GateJson(inputs, random, byTrajectory, gates),
            ["accepted"] = verdicts.Values.Count(v => v["accept"]!.GetValue<bool>()),
            ["rejected"] = verdicts.Values.Count(v => !v["accept"]!.GetValue<bool>()),
            ["sources"] = new JsonObject([.. verdicts.Values.GroupBy(v => v["source"]!.GetValue<string>()).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]),
        };
        await context.WriteOutputAsync(VerifyStage.ReportFile, CanonicalJson.Serialize(report) + "\n", cancellationToken).ConfigureAwait(false);
        await context.WriteOutputAsync(VerifyStage.ReportTextFile, Text(report), cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject SliceJson(IReadOnlyList<SlicePick> picks, Dictionary<string, List<TrajectoryAnnotation>> labels)
    {
        int Submitted(string id) => labels.GetValueOrDefault(id, []).Count(a => a.Submitted && a.Kind == AnnotationKind.Human);
        return new JsonObject
        {
            ["size"] = picks.Count,
            ["random"] = picks.Count(p => p.Reason == SliceReason.Random),
            ["uncertainty"] = picks.Count(p => p.Reason == SliceReason.Uncertainty),
            ["overlap_items"] = picks.Count(p => p.Annotators > 1),
            ["labelled"] = picks.Count(p => Submitted(p.Candidate.TrajectoryId) >= p.Annotators),
            ["partly_labelled"] = picks.Count(p => Submitted(p.Candidate.TrajectoryId) is > 0 and var n && n < p.Annotators),
        };
    }

    private static JsonObject AgreementJson(ReportInputs inputs, HashSet<string> random)
    {
        var human = inputs.Annotations.Where(a => a.Submitted && a.Kind == AnnotationKind.Human && random.Contains(a.TrajectoryId)).ToList();
        var options = new AgreementOptions { Categories = [.. Enumerable.Range(Axes.Min, Axes.Max - Axes.Min + 1)] };
        var axes = new JsonArray();
        for (var axis = 0; axis < Axes.All.Count; axis++)
        {
            var ratings = human.SelectMany(a => a.Turns.Where(t => t.Scores[axis] is not null)
                .Select(t => new Rating(a.TrajectoryId, t.Turn.ToString(CultureInfo.InvariantCulture), a.Annotator, t.Scores[axis]!.Value)));
            axes.Add(AxisJson(Axes.All[axis].Name, AgreementReport.Compute(ratings, options), inputs.Options.KappaTarget));
        }

        var pooled = human.SelectMany(a => a.Turns.SelectMany(t => Enumerable.Range(0, Axes.All.Count).Where(i => t.Scores[i] is not null)
            .Select(i => new Rating(a.TrajectoryId, $"{t.Turn}/{Axes.All[i].Name}", a.Annotator, t.Scores[i]!.Value))));
        return new JsonObject
        {
            ["target"] = inputs.Options.KappaTarget,
            ["target_metric"] = MetricName(TargetMetric),
            ["on"] = "the random part of the slice: submitted human labels of items with two or more annotators",
            ["axes"] = axes,
            ["overall"] = AxisJson("overall", AgreementReport.Compute(pooled, options), inputs.Options.KappaTarget),
            ["passing_axes"] = new JsonArray([.. axes.Where(a => a!["pass"]?.GetValue<bool>() == true).Select(a => (JsonNode)a!["axis"]!.GetValue<string>())]),
        };
    }

    private static JsonObject AxisJson(string axis, IReadOnlyList<AgreementEstimate> estimates, double target)
    {
        var kappa = estimates.First(e => e.Metric == TargetMetric);
        var metrics = new JsonObject();
        foreach (var e in estimates)
        {
            metrics[MetricName(e.Metric)] = new JsonObject
            {
                ["value"] = e.IsDefined ? Round(e.Value) : null,
                ["low"] = e.Low is { } low ? Round(low) : null,
                ["high"] = e.High is { } high ? Round(high) : null,
                ["undefined"] = e.Undefined,
            };
        }

        return new JsonObject
        {
            ["axis"] = axis,
            ["items"] = kappa.Items,
            ["trajectories"] = kappa.Clusters,
            ["pass"] = kappa.IsDefined ? kappa.Value >= target : null,
            ["metrics"] = metrics,
        };
    }

    private static JsonObject GateJson(ReportInputs inputs, HashSet<string> random, Dictionary<string, List<TrajectoryAnnotation>> labels, Dictionary<string, JsonNode> gates)
    {
        var compared = 0;
        var acceptAgree = 0;
        var axisAgree = new int[Axes.All.Count];
        var axisTotal = new int[Axes.All.Count];
        foreach (var id in random.Order(StringComparer.Ordinal))
        {
            var human = Consensus.Of(labels.GetValueOrDefault(id, []));
            if (human.Count == 0)
            {
                continue;
            }

            compared++;
            var gate = gates[id];
            var resolved = gate["resolved"]!.GetValue<bool>();
            var humanTurns = human.Values.Select(h => h.Scores).ToList();
            acceptAgree += Verdict.Accept(humanTurns, Verdict.Score(humanTurns, resolved), inputs.Options.Threshold) == gate["accept"]!.GetValue<bool>() ? 1 : 0;
            foreach (var turn in gate["turns"]!.AsArray())
            {
                if (!human.TryGetValue(turn!["turn"]!.GetValue<int>(), out var h))
                {
                    continue;
                }

                var scores = VerifyStage.ScoresOf(turn);
                for (var axis = 0; axis < Axes.All.Count; axis++)
                {
                    if (h.Scores[axis] is { } expected && scores[axis] is { } actual)
                    {
                        axisTotal[axis]++;
                        axisAgree[axis] += expected == actual ? 1 : 0;
                    }
                }
            }
        }

        var gateValues = gates.Values.ToList();
        return new JsonObject
        {
            ["verifier"] = gateValues.Select(g => g["verifier"]!.GetValue<string>()).FirstOrDefault(),
            ["accepted"] = gateValues.Count(g => g["accept"]!.GetValue<bool>()),
            ["rejected"] = gateValues.Count(g => !g["accept"]!.GetValue<bool>()),
            ["accuracy"] = new JsonObject
            {
                ["on"] = "the random part of the slice with human labels (adjudicated, else the annotators' lower median)",
                ["trajectories"] = compared,
                ["accept_agreement"] = compared == 0 ? null : Round((double)acceptAgree / compared),
                ["axes"] = new JsonObject([.. Axes.All.Select((a, i) => KeyValuePair.Create(a.Name, (JsonNode?)new JsonObject
                {
                    ["turns"] = axisTotal[i],
                    ["exact_agreement"] = axisTotal[i] == 0 ? null : Round((double)axisAgree[i] / axisTotal[i]),
                }))]),
            },
        };
    }

    private static string Text(JsonObject report)
    {
        var text = new StringBuilder();
        var slice = report["slice"]!;
        var agreement = report["agreement"]!;
        var gate = report["gate"]!;
        text.Append(CultureInfo.InvariantCulture, $"Verification report of dataset {report["dataset"]}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Trajectories verified: {report["trajectories"]}, accepted {report["accepted"]}, rejected {report["rejected"]} (scores from: {string.Join(", ", report["sources"]!.AsObject().Select(s => $"{s.Key} {s.Value}"))})\n");
        text.Append(CultureInfo.InvariantCulture, $"Human slice: {slice["size"]} trajectories ({slice["random"]} random, {slice["uncertainty"]} uncertainty top-up), {slice["overlap_items"]} with overlap; labelled {slice["labelled"]}, partly {slice["partly_labelled"]}\n");
        if (report["labels_for_unknown_trajectories"]!.GetValue<int>() is > 0 and var unknown)
        {
            text.Append(CultureInfo.InvariantCulture, $"Labels for {unknown} trajectories this build does not have (ignored)\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nAgreement on the random part (target: {agreement["target_metric"]} >= {Number(agreement["target"])}):\n");
        text.Append(CultureInfo.InvariantCulture, $"  {"axis",-18} {"items",5} {"kappa",7} {"95% CI",17} {"alpha(ord)",10} {"AC1",6} {"agree%",6}  target\n");
        foreach (var axis in agreement["axes"]!.AsArray().Append(agreement["overall"]))
        {
            var m = axis!["metrics"]!;
            var kappa = m[MetricName(TargetMetric)]!;
            var ci = kappa["low"] is null ? "-" : $"[{Number(kappa["low"])}, {Number(kappa["high"])}]";
            var pass = axis["pass"] is { } passed ? passed.GetValue<bool>() ? "pass" : "FAIL"
                : axis["items"]!.GetValue<int>() == 0 ? "no overlapping labels yet" : $"kappa undefined: {kappa["undefined"]}";
            text.Append(CultureInfo.InvariantCulture, $"  {axis["axis"],-18} {axis["items"],5} {Number(kappa["value"]),7} {ci,17} {Number(m[MetricName(AgreementMetric.KrippendorffAlphaOrdinal)]!["value"]),10} {Number(m[MetricName(AgreementMetric.GwetAc1)]!["value"]),6} {Number(m[MetricName(AgreementMetric.PercentAgreement)]!["value"]),6}  {pass}\n");
        }

        var accuracy = gate["accuracy"]!;
        text.Append(CultureInfo.InvariantCulture, $"\nGate {gate["verifier"]}: accepted {gate["accepted"]}, rejected {gate["rejected"]}; against the human labels of {accuracy["trajectories"]} trajectories: accept/reject agreement {Number(accuracy["accept_agreement"])}\n");
        foreach (var (axis, value) in accuracy["axes"]!.AsObject())
        {
            text.Append(CultureInfo.InvariantCulture, $"  {axis,-18} exact agreement {Number(value!["exact_agreement"])} over {value["turns"]} turns\n");
        }

        text.Append("\nEstimates use the random part of the slice only; the uncertainty top-up is informative, not representative.\n");
        return text.ToString();
    }

    private static string MetricName(AgreementMetric metric) => metric switch
    {
        AgreementMetric.PercentAgreement => "percent_agreement",
        AgreementMetric.CohenKappa => "cohen_kappa",
        AgreementMetric.CohenKappaLinear => "cohen_kappa_linear",
        AgreementMetric.CohenKappaQuadratic => "cohen_kappa_quadratic",
        AgreementMetric.FleissKappa => "fleiss_kappa",
        AgreementMetric.RandolphKappa => "randolph_kappa",
        AgreementMetric.KrippendorffAlphaNominal => "krippendorff_alpha_nominal",
        AgreementMetric.KrippendorffAlphaOrdinal => "krippendorff_alpha_ordinal",
        AgreementMetric.KrippendorffAlphaInterval => "krippendorff_alpha_interval",
        AgreementMetric.GwetAc1 => "gwet_ac1",
        _ => metric.ToString(),
    };

    private static double Round(double value) => Math.Round(value, 4);

    private static string Number(JsonNode? node) => node is null ? "-" : node.GetValue<double>().ToString("0.000", CultureInfo.InvariantCulture);
}
