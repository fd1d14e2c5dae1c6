namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>One person's label of one turn, as the per-turn formats hold it.</summary>
internal sealed record TurnEntry(TrajectoryAnnotation Annotation, TurnLabel Label);

/// <summary>Annotations and gate predictions looked up by (trajectory, turn), for the exporters.</summary>
internal sealed class TurnEntries
{
    private readonly ILookup<(string, int), TurnEntry> _labels;
    private readonly ILookup<(string, int), GatePrediction> _predictions;

    public TurnEntries(IEnumerable<TrajectoryAnnotation>? annotations, IEnumerable<GatePrediction>? predictions)
    {
        _labels = (annotations ?? [])
            .Order(TrajectoryAnnotation.FileOrder)
            .SelectMany(a => a.Turns.Select(t => new TurnEntry(a, t)))
            .ToLookup(e => (e.Annotation.TrajectoryId, e.Label.Turn));
        _predictions = (predictions ?? [])
            .OrderBy(p => p.ModelVersion, StringComparer.Ordinal)
            .ToLookup(p => (p.TrajectoryId, p.Turn));
    }

    /// <summary>The labels of a turn, in file order (kind, then annotator).</summary>
    public IEnumerable<TurnEntry> Labels(TurnUnit unit) => _labels[(unit.TrajectoryId, unit.Turn)];

    /// <summary>The gate's predictions of a turn, by model version.</summary>
    public IEnumerable<GatePrediction> Predictions(TurnUnit unit) => _predictions[(unit.TrajectoryId, unit.Turn)];
}
