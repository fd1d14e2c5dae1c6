using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.Matrix;

namespace TrajectoryBuild.Rollouts.Stages;

/// <summary>What a Rollout target needs at run time beyond its key (all of it is keyed through params, inputs and upstream).</summary>
internal sealed record RolloutInputs(PlannedTask Task, ScaffoldSpec Scaffold, ModelSpec Model, long Seed, string? ScriptsFolder, string? LayerFolder);
