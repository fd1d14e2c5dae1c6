using System.Security.Cryptography;
using System.Text;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Sampling;

namespace TrajectoryBuild.Annotation.Store;

internal sealed partial class AnnotationStore
{
    /// <summary>
    /// Loads a slice (and the gold labels that make some of its items control items) in one transaction. Items already
    /// loaded keep their state and labels; the gold labels must name items of the slice (or already loaded) and their turns.
    /// </summary>
    public async Task<LoadResult> LoadSliceAsync(IReadOnlyList<SliceItem> items, IReadOnlyList<TrajectoryAnnotation> gold, string goldSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(gold);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StoreConnections.BeginWriteAsync(connection, exclusive: true, cancellationToken).ConfigureAwait(false);
        var (added, existing) = (0, 0);
        foreach (var item in items)
        {
            var inserted = await Sql.ExecuteAsync(connection, transaction,
                """
                INSERT INTO items (trajectory_id, stratum, reason, annotators, outcome, gate_score, turn_count, trajectory_json, is_gold, loaded_at)
                VALUES (@id, @stratum, @reason, @annotators, @outcome, @gate, @turns, @json, 0, @now)
                ON CONFLICT (trajectory_id) DO NOTHING
                """, cancellationToken,
                ("@id", item.TrajectoryId), ("@stratum", item.Stratum), ("@reason", SliceFile.ReasonName(item.Reason)),
                ("@annotators", Math.Max(1, item.Annotators)), ("@outcome", item.Outcome), ("@gate", item.GateScore),
                ("@turns", item.Trajectory.Steps.Count), ("@json", Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(item.Trajectory))), ("@now", Now)).ConfigureAwait(false);
            (added, existing) = inserted > 0 ? (added + 1, existing) : (added, existing + 1);
        }

        foreach (var annotation in gold)
        {
            if (annotation.Kind != AnnotationKind.Gold)
            {
                throw new LabelFileException(goldSource, 0, $"trajectory '{annotation.TrajectoryId}' by '{annotation.Annotator}' is kind {LabelsJsonl.KindName(annotation.Kind)}", "a gold file holds kind gold annotations only");
            }

            var item = (await ItemsAsync(connection, transaction, "WHERE trajectory_id = @id", cancellationToken, ("@id", annotation.TrajectoryId)).ConfigureAwait(false)).SingleOrDefault()
                ?? throw new LabelFileException(goldSource, 0, $"gold trajectory '{annotation.TrajectoryId}' is not in the slice", "gold items must be part of the loaded slice");
            await Sql.ExecuteAsync(connection, transaction, "UPDATE items SET is_gold = 1, gold_annotator = @who WHERE id = @id", cancellationToken,
                ("@who", annotation.Annotator), ("@id", item.Id)).ConfigureAwait(false);
            foreach (var turn in annotation.Turns)
            {
                if (turn.Turn >= item.TurnCount)
                {
                    throw new LabelFileException(goldSource, 0, $"gold trajectory '{annotation.TrajectoryId}' labels turn {turn.Turn}, it has {item.TurnCount} turns");
                }

                await UpsertTurnAsync(connection, transaction, item.Id, null, 0, AnnotationKind.Gold, turn, cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new LoadResult(added, existing, gold.Count);
    }

    /// <summary>The stored trajectory of an item, as written by <see cref="TrajectoryWriter"/>.</summary>
    public async Task<Trajectory?> TrajectoryAsync(long itemId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var json = await Sql.ListAsync(connection, null, "SELECT trajectory_json FROM items WHERE id = @id", r => r.GetString(0), cancellationToken, ("@id", itemId)).ConfigureAwait(false);
        return json.Count == 0 ? null : TrajectoryReader.Read(Encoding.UTF8.GetBytes(json[0]));
    }

    public async Task<IReadOnlyList<ItemInfo>> ItemsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ItemsAsync(connection, null, "", cancellationToken).ConfigureAwait(false);
    }

    public async Task<ItemInfo?> ItemAsync(long itemId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await ItemsAsync(connection, null, "WHERE id = @id", cancellationToken, ("@id", itemId)).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>
    /// Sets overlap: <paramref name="annotators"/> people label a <paramref name="fraction"/> of the (non-gold) items, one
    /// person the rest. Which items overlap is a stable pick (by a hash of the trajectory id), not the load order.
    /// </summary>
    public async Task SetOverlapAsync(int annotators, double fraction, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(annotators, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StoreConnections.BeginWriteAsync(connection, exclusive: true, cancellationToken).ConfigureAwait(false);
        var items = (await ItemsAsync(connection, transaction, "WHERE is_gold = 0", cancellationToken).ConfigureAwait(false))
            .OrderBy(i => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(i.TrajectoryId))), StringComparer.Ordinal).ToList();
        var overlapping = (int)Math.Ceiling(items.Count * fraction);
        for (var i = 0; i < items.Count; i++)
        {
            await Sql.ExecuteAsync(connection, transaction, "UPDATE items SET annotators = @n WHERE id = @id", cancellationToken,
                ("@n", i < overlapping ? annotators : 1), ("@id", items[i].Id)).ConfigureAwait(false);
        }

        await SetSettingAsync(connection, transaction, "overlap", $"{annotators} on {fraction:0.###}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task<List<ItemInfo>> ItemsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string where, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        Sql.ListAsync(connection, transaction, $"SELECT id, trajectory_id, annotators, turn_count, is_gold FROM items {where} ORDER BY id",
            r => new ItemInfo(r.Long(0), r.GetString(1), r.Int(2), r.Int(3), r.Int(4) != 0), cancellationToken, parameters);
}
