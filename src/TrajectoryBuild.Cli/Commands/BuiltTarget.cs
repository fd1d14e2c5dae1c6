using TrajectoryBuild.Cache;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Scheduling;

namespace TrajectoryBuild.Cli.Commands;

/// <summary>The outputs of a built target, from the cache, for commands that read what a build made.</summary>
internal static class BuiltTarget
{
    /// <summary>The outputs of <paramref name="id"/>, or null after printing why there are none (no such target, not built).</summary>
    public static async Task<TargetOutputs?> OutputsAsync(BuildEngine engine, string id, TextWriter stderr, CancellationToken cancellationToken)
    {
        var plan = await engine.PlanAsync(cancellationToken).ConfigureAwait(false);
        var planned = plan.Targets.FirstOrDefault(t => t.TargetId == id);
        var stage = id.Split('/')[0];
        if (planned is null && plan.Pending.FirstOrDefault(p => p.Stage == stage) is { } pending)
        {
            await stderr.WriteLineAsync($"error: {id} is not planned yet: {stage} waits for {string.Join(", ", pending.AwaitedTargets.Take(3))}; build it first (trajbuild build --stage {stage})").ConfigureAwait(false);
            return null;
        }

        if (planned is null)
        {
            await stderr.WriteLineAsync($"error: no target '{id}' in the plan. Targets: {string.Join(", ", plan.Targets.Select(t => t.TargetId).Take(20))}{(plan.Targets.Count > 20 ? ", ..." : string.Empty)}").ConfigureAwait(false);
            return null;
        }

        if (planned.Status is not (TargetStatus.Fresh or TargetStatus.Cached) || engine.Cache.TryGetAction(planned.Key!) is not { } entry)
        {
            await stderr.WriteLineAsync($"error: {id} is {planned.Status.ToString().ToUpperInvariant()}: build it first (trajbuild build --stage {planned.Stage})").ConfigureAwait(false);
            return null;
        }

        return engine.Cache.OutputsOf(entry);
    }
}
