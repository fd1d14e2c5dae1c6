namespace TrajectoryBuild.Packaging.Output;

/// <summary>A split unit (repository or task) and how many rows it contributes.</summary>
/// <param name="Unit">The repository (<c>owner/name</c>) or task id.</param>
/// <param name="Rows">Rows it contributes (its weight when fractions are honoured).</param>
public sealed record SplitUnitRows(string Unit, long Rows);
