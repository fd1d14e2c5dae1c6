using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Annotation.Store;

internal sealed partial class AnnotationStore
{
    /// <summary>
    /// Everything worth exporting, as label-file annotations: annotators' labels on regular items (drafts marked
    /// unsubmitted), reviewers' adjudications and the gold references. Annotators' labels on gold items are checks of
    /// the annotators, not training labels, and stay out.
    /// </summary>
    public async Task<IReadOnlyList<TrajectoryAnnotation>> ExportAsync(CancellationToken cancellationToken)
    {
        var rows = await LabelsAsync("WHERE NOT (l.kind = 'human' AND i.is_gold = 1)", cancellationToken).ConfigureAwait(false);
        return ToAnnotations(rows);
    }

    /// <summary>Rows grouped into one annotation per (trajectory, kind, person).</summary>
    public static IReadOnlyList<TrajectoryAnnotation> ToAnnotations(IEnumerable<LabelRow> rows) =>
        [.. rows.GroupBy(r => (r.TrajectoryId, r.Kind, r.UserName ?? ""))
            .Select(g => new TrajectoryAnnotation(
                g.Key.TrajectoryId, g.Key.Item3, LabelsJsonl.ParseKind(g.Key.Kind)!.Value,
                [.. g.OrderBy(r => r.Turn).Select(r => new TurnLabel(r.Turn, new TurnScores(r.Scores), r.Comment))])
            {
                Submitted = g.First().Submitted,
            })
            .Order(TrajectoryAnnotation.FileOrder)];

    /// <summary>Per annotator: assigned, submitted, and accuracy on the gold items they submitted.</summary>
    public async Task<IReadOnlyList<AnnotatorProgress>> ProgressAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var counts = await Sql.ListAsync(connection, null,
            """
            SELECT u.name, COUNT(a.id),
                   COALESCE(SUM(CASE WHEN a.submitted_at IS NULL THEN 0 ELSE 1 END), 0),
                   COALESCE(SUM(CASE WHEN a.submitted_at IS NOT NULL AND i.is_gold = 1 THEN 1 ELSE 0 END), 0)
            FROM users u
            LEFT JOIN assignments a ON a.user_id = u.id
            LEFT JOIN items i ON i.id = a.item_id
            WHERE u.role = 'annotator'
            GROUP BY u.name
            ORDER BY u.name
            """, r => (Name: r.GetString(0), Assigned: r.Int(1), Submitted: r.Int(2), Gold: r.Int(3)), cancellationToken).ConfigureAwait(false);
        var goldRows = await LabelsAsync("WHERE i.is_gold = 1", cancellationToken).ConfigureAwait(false);
        var reference = goldRows.Where(r => r.Kind == "gold").ToDictionary(r => (r.ItemId, r.Turn), r => r.Scores);
        var cells = goldRows.Where(r => r.Kind == "human" && r.Submitted)
            .SelectMany(r => r.Scores.Select((score, axis) => (r.UserName, Score: score, Gold: reference.TryGetValue((r.ItemId, r.Turn), out var g) ? g[axis] : null)))
            .Where(c => c.Score is not null && c.Gold is not null)
            .GroupBy(c => c.UserName ?? "")
            .ToDictionary(g => g.Key, g => (Cells: g.Count(), Matches: g.Count(c => c.Score == c.Gold)));
        return [.. counts.Select(c =>
        {
            var (total, matches) = cells.GetValueOrDefault(c.Name);
            return new AnnotatorProgress(c.Name, c.Assigned, c.Submitted, c.Gold, total, matches);
        })];
    }

    /// <summary>Submitted annotators' labels of regular items: what agreement and adjudication are computed on.</summary>
    public Task<IReadOnlyList<LabelRow>> SubmittedHumanLabelsAsync(CancellationToken cancellationToken) =>
        LabelsAsync("WHERE l.kind = 'human' AND i.is_gold = 0 AND a.submitted_at IS NOT NULL", cancellationToken);
}
