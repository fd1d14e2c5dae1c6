using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Explain;

/// <summary>A target's preimage, key and status against the lock and the cache.</summary>
internal sealed record Evaluation(TargetSpec Target, Lazy<JsonObject> PreimageSource, string? Key, TargetStatus Status, ActionEntry? Entry, IReadOnlyList<Cause> Causes)
{
    /// <summary>The preimage <see cref="Key"/> is the hash of, built on first use (a FRESH target's plan never needs it).</summary>
    public JsonObject Preimage => PreimageSource.Value;

    public TargetPlan ToPlan() => new(Target.Id, Target.Stage, Status, Key, Causes) { Upstream = Target.Upstream, WorkUnit = Target.WorkUnit };
}
