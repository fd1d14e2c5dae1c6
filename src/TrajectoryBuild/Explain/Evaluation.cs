using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Explain;

/// <summary>A target's preimage, key and status against the lock and the cache.</summary>
internal sealed record Evaluation(TargetSpec Target, JsonObject Preimage, string? Key, TargetStatus Status, ActionEntry? Entry, IReadOnlyList<Cause> Causes)
{
    public TargetPlan ToPlan() => new(Target.Id, Target.Stage, Status, Key, Causes) { Upstream = Target.Upstream, WorkUnit = Target.WorkUnit };
}
