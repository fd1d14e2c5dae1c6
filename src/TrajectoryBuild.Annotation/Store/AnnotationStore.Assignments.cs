using System.Data.Common;

namespace TrajectoryBuild.Annotation.Store;

internal sealed partial class AnnotationStore
{
    private const string AssignmentSelect =
        "SELECT a.id, a.item_id, i.trajectory_id, i.turn_count, a.submitted_at, a.seq FROM assignments a JOIN items i ON i.id = a.item_id";

    /// <summary>
    /// The annotator's open assignment, or a new one: a gold item when <see cref="GoldSchedule"/> says this place is for
    /// gold, else the regular item closest to its overlap target that they have not had. Null when nothing is left.
    /// Serialized with every other writer, so two annotators never take the last place on an item.
    /// </summary>
    public async Task<AssignmentInfo?> NextAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StoreConnections.BeginWriteAsync(connection, exclusive: true, cancellationToken).ConfigureAwait(false);
        var open = await AssignmentsAsync(connection, transaction, "WHERE a.user_id = @u AND a.submitted_at IS NULL", cancellationToken, ("@u", userId)).ConfigureAwait(false);
        if (open.Count > 0)
        {
            return open[0];
        }

        var counts = await Sql.ListAsync(connection, transaction,
            "SELECT COUNT(*), COALESCE(SUM(i.is_gold), 0) FROM assignments a JOIN items i ON i.id = a.item_id WHERE a.user_id = @u",
            r => (Total: r.Int(0), Gold: r.Int(1)), cancellationToken, ("@u", userId)).ConfigureAwait(false);
        var (total, gold) = counts[0];
        var rate = (await SettingsAsync(connection, transaction, cancellationToken).ConfigureAwait(false)).GoldRate;
        const string NotYours = "NOT EXISTS (SELECT 1 FROM assignments m WHERE m.item_id = i.id AND m.user_id = @u)";
        long? itemId = null;
        if (GoldSchedule.IsGoldNext(userId, total, gold, rate))
        {
            itemId = await Sql.ScalarAsync(connection, transaction, $"SELECT i.id FROM items i WHERE i.is_gold = 1 AND {NotYours} ORDER BY i.id LIMIT 1", cancellationToken, ("@u", userId)).ConfigureAwait(false);
        }

        itemId ??= await Sql.ScalarAsync(connection, transaction,
            $"""
            SELECT i.id FROM items i
            WHERE i.is_gold = 0 AND {NotYours}
              AND (SELECT COUNT(*) FROM assignments t WHERE t.item_id = i.id) < i.annotators
            ORDER BY (SELECT COUNT(*) FROM assignments t WHERE t.item_id = i.id) DESC, i.id
            LIMIT 1
            """, cancellationToken, ("@u", userId)).ConfigureAwait(false);
        if (itemId is null)
        {
            return null;
        }

        await Sql.ExecuteAsync(connection, transaction, "INSERT INTO assignments (item_id, user_id, seq, assigned_at) VALUES (@i, @u, @s, @now)", cancellationToken,
            ("@i", itemId), ("@u", userId), ("@s", total + 1), ("@now", Now)).ConfigureAwait(false);
        var created = await AssignmentsAsync(connection, transaction, "WHERE a.user_id = @u AND a.item_id = @i", cancellationToken, ("@u", userId), ("@i", itemId)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created[0];
    }

    /// <summary>The annotator's assignments, oldest first.</summary>
    public async Task<IReadOnlyList<AssignmentInfo>> AssignmentsAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AssignmentsAsync(connection, null, "WHERE a.user_id = @u", cancellationToken, ("@u", userId)).ConfigureAwait(false);
    }

    /// <summary>The assignment, only if it is <paramref name="userId"/>'s.</summary>
    public async Task<AssignmentInfo?> AssignmentAsync(long assignmentId, long userId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await AssignmentsAsync(connection, null, "WHERE a.id = @a AND a.user_id = @u", cancellationToken, ("@a", assignmentId), ("@u", userId)).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>Marks the assignment submitted; false when it is not the user's or was already submitted.</summary>
    public async Task<bool> SubmitAsync(long assignmentId, long userId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StoreConnections.BeginWriteAsync(connection, exclusive: false, cancellationToken).ConfigureAwait(false);
        var changed = await Sql.ExecuteAsync(connection, transaction, "UPDATE assignments SET submitted_at = @now WHERE id = @a AND user_id = @u AND submitted_at IS NULL", cancellationToken,
            ("@now", Now), ("@a", assignmentId), ("@u", userId)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    private static Task<List<AssignmentInfo>> AssignmentsAsync(DbConnection connection, DbTransaction? transaction, string where, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        Sql.ListAsync(connection, transaction, $"{AssignmentSelect} {where} ORDER BY a.seq",
            r => new AssignmentInfo(r.Long(0), r.Long(1), r.GetString(2), r.Int(3), !r.IsDBNull(4), r.Int(5)), cancellationToken, parameters);
}
