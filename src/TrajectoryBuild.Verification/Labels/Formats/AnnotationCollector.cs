namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>
/// Gathers per-turn labels read from a tool's export into one <see cref="TrajectoryAnnotation"/> per trajectory, kind
/// and annotator. An annotation is submitted only when every one of its turns was.
/// </summary>
internal sealed class AnnotationCollector(ImportSource source)
{
    private readonly Dictionary<(string Trajectory, AnnotationKind Kind, string Annotator), Dictionary<int, (TurnLabel Label, bool Submitted, JsonLocation Location)>> _groups = [];

    public void Add(string trajectoryId, string annotator, AnnotationKind kind, bool submitted, TurnLabel label, JsonLocation location)
    {
        var key = (trajectoryId, kind, annotator);
        if (!_groups.TryGetValue(key, out var turns))
        {
            _groups[key] = turns = [];
        }

        if (turns.TryGetValue(label.Turn, out var first))
        {
            throw source.Fail(location, $"a second {LabelsJsonl.KindName(kind)} label of trajectory '{trajectoryId}' turn {label.Turn} by '{annotator}' (the first is {first.Location.Path})", "keep one annotation per person and turn: delete the other in the tool and export again");
        }

        turns[label.Turn] = (label, submitted, location);
    }

    public IReadOnlyList<TrajectoryAnnotation> Build() =>
    [
        .. _groups
            .Select(g => new TrajectoryAnnotation(g.Key.Trajectory, g.Key.Annotator, g.Key.Kind, [.. g.Value.Values.Select(v => v.Label).OrderBy(l => l.Turn)])
            {
                Submitted = g.Value.Values.All(v => v.Submitted),
            })
            .Order(TrajectoryAnnotation.FileOrder),
    ];
}
