namespace TrajectoryBuild.Rewards.Process;

/// <summary>A weak, explainable rule that labels some steps of a trajectory.</summary>
public interface IStepHeuristic
{
    /// <summary>The stable <c>snake_case</c> name the manifest enables it by.</summary>
    string Name { get; }

    /// <summary>The signals it gives, keyed by step index: at most one per step, none for a step it has nothing to say about.</summary>
    IReadOnlyDictionary<int, StepSignal> Label(TrajectoryFacts facts);
}
