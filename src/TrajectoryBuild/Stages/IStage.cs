namespace TrajectoryBuild.Stages;

/// <summary>
/// A stage of the pipeline. It declares its targets (inputs, external facts, parameters, upstream outputs)
/// and produces each target's output files; the engine keys, caches, schedules and explains them.
/// </summary>
public interface IStage
{
    /// <summary>The stage name, e.g. <c>Reproduce</c>; target ids are <c>Name/unit</c>.</summary>
    string Name { get; }

    /// <summary>The implementation version: bump it when the stage's code changes what it outputs.</summary>
    int Version { get; }

    /// <summary>Whether the stage produces data or checks it (a verifier change re-runs only checkers).</summary>
    StageRole Role { get; }

    /// <summary>
    /// Declares this stage's targets given the manifest and the outputs known so far. Called at the same time as the
    /// other stages' <c>Plan</c> of the same round (on other threads), never twice at once for one stage.
    /// </summary>
    StagePlan Plan(PlanContext context);

    /// <summary>Builds one target: writes its output files under <see cref="TargetContext.OutputDirectory"/>.</summary>
    Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken);
}
