using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.Matrix;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Rollouts.Stages;

/// <summary>
/// Stage 3: one target per validated task x scaffold x model x seed of each dataset's rollout matrix (imports have no
/// Rollout target: Capture reads their files directly). It runs the reference agent or an external scaffold on the task
/// and keeps the raw output as the scaffold wrote it. Keyed by the task image (its environment image, checkout and install
/// lines), the scaffold (id, version, config, limits, install and command), the model (id and sampling parameters; a
/// scripted model's responses as an input) and the seed.
/// </summary>
internal sealed partial class RolloutStage : IStage
{
    public const string StageName = "Rollout";
    public const string RecordFile = "rollout.json";
    public const string RawFolder = "raw";

    public string Name => StageName;

    public int Version => 2;

    public StageRole Role => StageRole.Produce;

    public static string Unit(string instanceId, string scaffold, string model, long seed) => $"{instanceId}/{scaffold}/{model}/{seed}";

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (dataset, definition) in ManifestView.Datasets(context.Manifest))
        {
            var matrix = RolloutMatrix.Of(context.Manifest, definition);
            if (!matrix.Running.Any() || matrix.Models.Count == 0)
            {
                continue;
            }

            if (Validated(context, dataset, definition) is not { } tasks)
            {
                plan.Defer(Name, $"one target per validated task of dataset {dataset} x scaffold x model x seed", ReproduceStage.DatasetTarget(dataset));
                continue;
            }

            foreach (var (task, scaffold, model, seed) in matrix.Cells(tasks).Where(c => planned.Add(Unit(c.Task.InstanceId, c.Scaffold.Name, c.Model.Name, c.Seed))))
            {
                plan.Add(Target(context.Manifest, task, scaffold, model, seed));
            }
        }

        return plan;
    }

    /// <summary>The tasks of a dataset that Reproduce validated (with what runs them), or null while it has not run.</summary>
    public static IReadOnlyList<PlannedTask>? Validated(PlanContext context, string dataset, JsonObject definition)
    {
        ArgumentNullException.ThrowIfNull(context);
        var summary = context.OutputsOf(ReproduceStage.DatasetTarget(dataset));
        if (summary is null || DatasetTasks.Accepted(context, dataset, definition) is not { } accepted)
        {
            return null;
        }

        var ids = JsonNode.Parse(summary.ReadAllText(ValidationSummary.ValidatedFile))!.AsArray()
            .Select(v => v!["instance_id"]!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);
        return [.. accepted.Where(t => t.Environment is not null && ids.Contains(t.InstanceId))];
    }

    private TargetSpec Target(ManifestDocument manifest, PlannedTask task, ScaffoldSpec scaffold, ModelSpec model, long seed)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? scripts = null;
        string? layer = null;
        if (model.Scripted is { } scriptedPath)
        {
            scripts = ManifestView.Resolve(manifest, scriptedPath);
            inputs["scripts"] = FolderDigest.Of(scripts);
        }

        if (scaffold.Layer is { } layerPath)
        {
            layer = ManifestView.Resolve(manifest, layerPath);
            inputs["layer"] = FolderDigest.Of(layer);
        }

        return new TargetSpec(Name, Unit(task.InstanceId, scaffold.Name, model.Name, seed))
        {
            Params = new JsonObject
            {
                ["scaffold"] = scaffold.KeyParams(),
                ["model"] = model.KeyParams(),
                ["seed"] = seed,
                ["task_image"] = task.Environment!.InstallParams(),
            },
            Inputs = inputs,
            Upstream = task.RunUpstream(),
            WorkUnit = task.InstanceId,
            Locals = new RolloutInputs(task, scaffold, model, seed, scripts, layer),
        };
    }
}
