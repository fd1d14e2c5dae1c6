namespace TrajectoryBuild.Packaging.Output;

/// <summary>How records are split (<c>packaging.splits</c>).</summary>
/// <param name="By">The unit kept within one split.</param>
/// <param name="Seed">The seed mixed into every unit's hash.</param>
/// <param name="Fractions">The splits in declared order, with their fractions.</param>
public sealed record SplitOptions(SplitUnit By, long Seed, IReadOnlyList<SplitFraction> Fractions)
{
    /// <summary>The manifest default: by repository, seed 0, <c>train</c> 0.9 and <c>test</c> 0.1.</summary>
    public static SplitOptions Default { get; } = new(SplitUnit.Repository, 0, [new("train", 0.9), new("test", 0.1)]);

    /// <summary>The unit key of a record under these options: its repository or its task id.</summary>
    /// <param name="provenance">The record's provenance.</param>
    /// <returns>The repository (<c>owner/name</c>) or the task id.</returns>
    public string UnitOf(RecordProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        return By == SplitUnit.Repository ? provenance.Repo : provenance.TaskId;
    }
}
