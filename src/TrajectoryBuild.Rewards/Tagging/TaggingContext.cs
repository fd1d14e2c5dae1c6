using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>What every detector reads: the facts, the thresholds, and the steps' canonical actions and observations.</summary>
internal sealed class TaggingContext(TrajectoryFacts facts, TaggingOptions options)
{
    private IReadOnlyList<(string Action, string Observation)>? _pairs;

    public TrajectoryFacts Facts { get; } = facts;

    public TaggingOptions Options { get; } = options;

    public Trajectory Trajectory => Facts.Trajectory;

    public IReadOnlyList<AgentStep> Steps => Facts.Trajectory.Steps;

    /// <summary>Each step's canonical action and observation, in step order.</summary>
    public IReadOnlyList<(string Action, string Observation)> Pairs =>
        _pairs ??= [.. Steps.Select(s => (StepActions.ActionOf(s), StepActions.ObservationOf(s)))];

    /// <summary>How a step is named in evidence: its recorded index.</summary>
    public string StepName(int position) => $"step {Steps[position].Index}";

    public static DetectorFinding Finding(FailureClass failureClass, IEnumerable<string> evidence) =>
        new(failureClass.ToName(), failureClass, [.. evidence]);
}
