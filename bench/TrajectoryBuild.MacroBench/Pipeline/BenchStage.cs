using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>
/// A stage of the bench pipeline: real targets, keys, cache and lock through the real engine, but each target's work is
/// writing one small JSON file made from what it read, so a 100,000-task build takes minutes, not container-years.
/// </summary>
internal abstract class BenchStage : IStage
{
    public const string OutputFile = "out.json";

    public abstract string Name { get; }

    public int Version => 1;

    public virtual StageRole Role => StageRole.Produce;

    public abstract StagePlan Plan(PlanContext context);

    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = new JsonObject { ["target"] = context.Target.Id };
        foreach (var (name, value) in context.Target.Facts.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            output[name] = value;
        }

        // Reading every upstream output is part of the work, as in the real stages (and it verifies each blob).
        var read = new JsonArray();
        foreach (var upstream in context.Target.Upstream)
        {
            var outputs = context.Upstream(upstream.TargetId);
            read.Add(Digest.OfText(outputs.ReadAllText(upstream.Output ?? OutputFile)));
        }

        output["read"] = read;
        await context.Log.WriteLineAsync($"{Name}: {context.Target.Unit}").ConfigureAwait(false);
        await context.WriteOutputAsync(OutputFile, CanonicalJson.Serialize(output) + "\n", cancellationToken).ConfigureAwait(false);
    }

    protected static UpstreamRef Output(string targetId) => new(targetId, OutputFile);

    /// <summary>A plan of one target per task of every source, made by <paramref name="target"/> from the task and the verifier digest.</summary>
    protected static StagePlan PerTask(PlanContext context, Func<BenchTask, string, TargetSpec> target)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var verifier = BenchVerifier.Of(context.Manifest);
        foreach (var task in BenchTasks.Of(context.Manifest).SelectMany(s => s.Tasks))
        {
            plan.Add(target(task, verifier));
        }

        return plan;
    }
}
