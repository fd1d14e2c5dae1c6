using System.Data.Common;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Annotation.Store;

/// <summary>Why a label change was refused.</summary>
internal enum LabelChange
{
    Saved,
    NotFound,
    AlreadySubmitted,
    BadTurn,
}

internal sealed partial class AnnotationStore
{
    private static readonly string s_axisColumns = string.Join(", ", Axes.All.Select(a => "l." + a.Name));

    /// <summary>
    /// Sets one axis of one turn of the annotator's own assignment (null clears it), or the turn's comment when
    /// <paramref name="axis"/> is null. One upsert in one transaction; refused once the assignment is submitted.
    /// </summary>
    public async Task<LabelChange> SetOwnLabelAsync(long assignmentId, long userId, int turn, string? axis, int? score, string? comment, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StoreConnections.BeginWriteAsync(connection, exclusive: false, cancellationToken).ConfigureAwait(false);
        var assignment = (await AssignmentsAsync(connection, transaction, "WHERE a.id = @a AND a.user_id = @u", cancellationToken, ("@a", assignmentId), ("@u", userId)).ConfigureAwait(false)).SingleOrDefault();
        var refused = assignment is null ? LabelChange.NotFound
            : assignment.Submitted ? LabelChange.AlreadySubmitted
            : turn < 0 || turn >= assignment.TurnCount ? LabelChange.BadTurn
            : (LabelChange?)null;
        if (refused is { } reason)
        {
            return reason;
        }

        await UpsertCellAsync(connection, transaction, assignment!.ItemId, userId, AnnotationKind.Human, turn, axis, score, comment, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return LabelChange.Saved;
    }

    /// <summary>A reviewer's final score for one axis of one turn of an item (kind adjudicated, one set per reviewer).</summary>
    public async Task<LabelChange> SetAdjudicationAsync(long itemId, long reviewerId, int turn, string axis, int? score, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StoreConnections.BeginWriteAsync(connection, exclusive: false, cancellationToken).ConfigureAwait(false);
        var item = (await ItemsAsync(connection, transaction, "WHERE id = @id", cancellationToken, ("@id", itemId)).ConfigureAwait(false)).SingleOrDefault();
        if (item is null || item.IsGold)
        {
            return LabelChange.NotFound;
        }

        if (turn < 0 || turn >= item.TurnCount)
        {
            return LabelChange.BadTurn;
        }

        await UpsertCellAsync(connection, transaction, itemId, reviewerId, AnnotationKind.Adjudicated, turn, axis, score, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return LabelChange.Saved;
    }

    /// <summary>Stored labels matching <paramref name="where"/> (over <c>l</c> labels, <c>i</c> items), in file order.</summary>
    public async Task<IReadOnlyList<LabelRow>> LabelsAsync(string where, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await Sql.ListAsync(connection, null,
            $"""
            SELECT l.item_id, i.trajectory_id, l.owner, u.name, l.kind, l.turn, {s_axisColumns}, l.comment,
                   CASE WHEN a.submitted_at IS NULL THEN 0 ELSE 1 END, i.is_gold, i.gold_annotator
            FROM labels l
            JOIN items i ON i.id = l.item_id
            LEFT JOIN users u ON u.id = l.user_id
            LEFT JOIN assignments a ON a.item_id = l.item_id AND a.user_id = l.user_id
            {where}
            ORDER BY i.trajectory_id, l.kind, u.name, l.turn
            """, ReadLabel, cancellationToken, parameters).ConfigureAwait(false);
    }

    private static LabelRow ReadLabel(DbDataReader r)
    {
        var axes = Axes.All.Count;
        var scores = new int?[axes];
        for (var i = 0; i < axes; i++)
        {
            scores[i] = r.NullableInt(6 + i);
        }

        var kind = r.GetString(4);
        var isGoldItem = r.Int(8 + axes) != 0;
        var name = kind == "gold" ? r.NullableString(9 + axes) ?? "gold" : r.NullableString(3);
        return new LabelRow(r.Long(0), r.GetString(1), r.Long(2), name, kind, r.Int(5), scores, r.NullableString(6 + axes),
            Submitted: kind != "human" || r.Int(7 + axes) == 1, isGoldItem);
    }

    private Task<int> UpsertCellAsync(DbConnection connection, DbTransaction transaction, long itemId, long userId, AnnotationKind kind, int turn, string? axis, int? score, string? comment, CancellationToken cancellationToken)
    {
        var column = axis is null ? "comment" : Axes.Find(axis)?.Name ?? throw new ArgumentException($"unknown axis '{axis}'", nameof(axis));
        object? value = axis is null ? comment : score;
        return Sql.ExecuteAsync(connection, transaction,
            $"""
            INSERT INTO labels (item_id, user_id, kind, turn, {column}, updated_at, owner) VALUES (@item, @user, @kind, @turn, @value, @now, @user)
            ON CONFLICT (item_id, owner, kind, turn) DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at
            """, cancellationToken,
            ("@item", itemId), ("@user", userId), ("@kind", LabelsJsonl.KindName(kind)), ("@turn", turn), ("@value", value), ("@now", Now));
    }

    private Task<int> UpsertTurnAsync(DbConnection connection, DbTransaction transaction, long itemId, long? userId, long owner, AnnotationKind kind, TurnLabel label, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", Axes.All.Select(a => a.Name));
        var values = string.Join(", ", Axes.All.Select((_, i) => $"@a{i}"));
        var updates = string.Join(", ", Axes.All.Select(a => $"{a.Name} = excluded.{a.Name}"));
        return Sql.ExecuteAsync(connection, transaction,
            $"""
            INSERT INTO labels (item_id, user_id, kind, turn, {columns}, comment, updated_at, owner) VALUES (@item, @user, @kind, @turn, {values}, @comment, @now, @owner)
            ON CONFLICT (item_id, owner, kind, turn) DO UPDATE SET {updates}, comment = excluded.comment, updated_at = excluded.updated_at
            """, cancellationToken,
            [("@item", itemId), ("@user", userId), ("@kind", LabelsJsonl.KindName(kind)), ("@turn", label.Turn), ("@comment", label.Comment), ("@now", Now), ("@owner", owner),
             .. Axes.All.Select((_, i) => ($"@a{i}", (object?)label.Scores[i]))]);
    }
}
