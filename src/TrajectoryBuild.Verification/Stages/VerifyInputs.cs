using System.Text.Json.Nodes;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Stages;

/// <summary>One evaluated trajectory, from the rollout report's <c>trajectories.jsonl</c>.</summary>
internal sealed record TrajectoryRow(string Id, string InstanceId, string Scaffold, string Model, string Capture, string File, bool Resolved, int Steps)
{
    public static TrajectoryRow Of(JsonObject row) => new(
        row["id"]!.GetValue<string>(),
        row["instance_id"]!.GetValue<string>(),
        row["scaffold"]!.GetValue<string>(),
        row["model"]?.GetValue<string>() ?? "-",
        row["capture"]!.GetValue<string>(),
        row["file"]!.GetValue<string>(),
        row["resolved"]?.GetValue<bool>() == true,
        (int)(row["steps"]?.GetValue<long>() ?? 0));

    /// <summary>The repository, from a SWE-bench instance id (<c>owner__name-123</c> is <c>owner/name</c>).</summary>
    public string Repo
    {
        get
        {
            var dash = InstanceId.LastIndexOf('-');
            var stem = dash > 0 && InstanceId[(dash + 1)..].All(char.IsAsciiDigit) ? InstanceId[..dash] : InstanceId;
            return stem.Replace("__", "/", StringComparison.Ordinal);
        }
    }
}

internal sealed record GateInputs(TrajectoryRow Row, VerifyOptions Options);

internal sealed record VerifyInputs(TrajectoryRow Row, IReadOnlyList<TrajectoryAnnotation> Annotations, VerifyOptions Options);

internal sealed record ReportInputs(string Dataset, IReadOnlyList<TrajectoryRow> Rows, IReadOnlyList<TrajectoryAnnotation> Annotations, VerifyOptions Options);
