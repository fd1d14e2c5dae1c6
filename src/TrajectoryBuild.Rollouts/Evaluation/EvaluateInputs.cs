using TrajectoryBuild.Reproduction.Stages;

namespace TrajectoryBuild.Rollouts.Evaluation;

/// <summary>What an Evaluate target runs: a trajectory's patch on its task (the patch's digest is the key's input).</summary>
internal sealed record EvaluateInputs(PlannedTask Task, string TrajectoryId, string? Patch);

/// <summary>What the dataset's rollout report reads: the dataset, its validated tasks, and the Capture targets of its rollouts.</summary>
internal sealed record ReportInputs(string Dataset, IReadOnlySet<string> ValidatedIds, IReadOnlyList<string> CaptureTargets);
