using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Reproduction.Stages;

namespace TrajectoryBuild.Rollouts.Matrix;

/// <summary>A dataset's rollout matrix (<c>datasets.NAME.rollouts</c>): scaffolds x models x seeds per task.</summary>
internal sealed record RolloutMatrix(IReadOnlyList<ScaffoldSpec> Scaffolds, IReadOnlyList<ModelSpec> Models, IReadOnlyList<long> Seeds)
{
    public static RolloutMatrix Empty { get; } = new([], [], []);

    /// <summary>The scaffolds that run on tasks (reference and external), not imports.</summary>
    public IEnumerable<ScaffoldSpec> Running => Scaffolds.Where(s => !s.IsImport);

    public IEnumerable<ScaffoldSpec> Imports => Scaffolds.Where(s => s.IsImport);

    /// <summary>Every cell of the matrix over <paramref name="tasks"/>, running scaffolds only: one Rollout (and Capture) target each.</summary>
    public IEnumerable<(PlannedTask Task, ScaffoldSpec Scaffold, ModelSpec Model, long Seed)> Cells(IReadOnlyList<PlannedTask> tasks) =>
        from task in tasks
        from scaffold in Running
        from model in Models
        from seed in Seeds
        select (task, scaffold, model, seed);

    public static RolloutMatrix Of(ManifestDocument manifest, JsonObject dataset)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset["rollouts"] is not JsonObject rollouts)
        {
            return Empty;
        }

        var scaffolds = (rollouts["scaffolds"] as JsonArray ?? [])
            .Select(n => n!.GetValue<string>())
            .Select(n => ScaffoldSpec.From(n, manifest.Root["scaffolds"]![n]!.AsObject()))
            .ToList();
        var models = (rollouts["models"] as JsonArray ?? [])
            .Select(n => n!.GetValue<string>())
            .Select(n => ModelSpec.From(n, manifest.Root["models"]![n]!.AsObject()))
            .ToList();
        IReadOnlyList<long> seeds = rollouts["seeds"] switch
        {
            JsonArray list => [.. list.Select(s => s!.GetValue<long>())],
            JsonValue count => [.. Enumerable.Range(1, (int)count.GetValue<long>()).Select(i => (long)i)],
            _ => [1],
        };
        return new RolloutMatrix(scaffolds, models, seeds);
    }
}
