namespace TrajectoryBuild.Stages;

/// <summary>
/// A dependency on another target's outputs: all of them, or just one file, so a target that reads one
/// task's record out of a stage that wrote many is not re-run when a sibling record changes. A value, not an object: a
/// plan of 100,000 tasks declares 1,000,002 of them.
/// </summary>
/// <param name="TargetId">The upstream target id.</param>
/// <param name="Output">One output file name, or null for every output.</param>
public readonly record struct UpstreamRef(string TargetId, string? Output = null)
{
    /// <summary>The name under which this dependency appears in a preimage.</summary>
    public string Name => Output is null ? TargetId : $"{TargetId}:{Output}";

    /// <inheritdoc />
    public override string ToString() => Name;
}
