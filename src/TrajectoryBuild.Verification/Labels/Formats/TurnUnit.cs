using System.Globalization;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>One (trajectory, turn) put up for annotation, with the texts every format shows.</summary>
internal sealed record TurnUnit(
    string TrajectoryId, int Turn, string? InstanceId, string Scaffold, string? Model, string Thought, string Actions, string Observation, string Context, string Text)
{
    public string Title => $"{TrajectoryId} \u00b7 turn {Turn.ToString(CultureInfo.InvariantCulture)}{(InstanceId is null ? "" : $" \u00b7 {InstanceId}")}";

    /// <summary>Every unit of <paramref name="items"/>, by trajectory id then turn; a trajectory listed twice is refused.</summary>
    public static IReadOnlyList<TurnUnit> Of(IEnumerable<AnnotationItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var units = new List<TurnUnit>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.Add(item.TrajectoryId))
            {
                throw new ArgumentException($"trajectory '{item.TrajectoryId}' is listed twice", nameof(items));
            }

            var trajectory = item.Trajectory;
            foreach (var step in trajectory.Steps.Where(s => item.Turns is null || item.Turns.Contains(s.Index)))
            {
                units.Add(new TurnUnit(
                    item.TrajectoryId,
                    step.Index,
                    trajectory.InstanceId,
                    trajectory.Provenance.Scaffold,
                    trajectory.Provenance.Model,
                    TurnText.Thought(step),
                    TurnText.Actions(step),
                    TurnText.Observations(step),
                    TurnText.Context(trajectory, step.Index),
                    TurnText.Render(step)));
            }
        }

        return [.. units.OrderBy(u => u.TrajectoryId, StringComparer.Ordinal).ThenBy(u => u.Turn)];
    }
}
