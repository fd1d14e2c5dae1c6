namespace TrajectoryBuild.Agents;

/// <summary>The reference agent's exit statuses (the scaffold's own words; never an outcome label).</summary>
internal static class ExitStatuses
{
    public const string Submitted = "submitted";
    public const string StepLimit = "step_limit";
    public const string CostLimit = "cost_limit";
    public const string TokenLimit = "token_limit";
    public const string WallLimit = "wall_limit";
    public const string FormatError = "format_error";
    public const string RepeatedAction = "repeated_action";
    public const string ModelError = "model_error";
}
