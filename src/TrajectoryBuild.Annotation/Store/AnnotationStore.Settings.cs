using System.Data.Common;
using System.Globalization;

namespace TrajectoryBuild.Annotation.Store;

internal sealed partial class AnnotationStore
{
    public async Task<StoreSettings> SettingsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await SettingsAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> SettingAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await Sql.ListAsync(connection, null, "SELECT value FROM settings WHERE name = @n", r => r.GetString(0), cancellationToken, ("@n", name)).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task SetGoldRateAsync(double rate, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 0.5);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StoreConnections.BeginWriteAsync(connection, exclusive: false, cancellationToken).ConfigureAwait(false);
        await SetSettingAsync(connection, transaction, "gold_rate", rate.ToString("R", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<StoreSettings> SettingsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var values = await Sql.ListAsync(connection, transaction, "SELECT value FROM settings WHERE name = 'gold_rate'", r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        return values.Count == 1 && double.TryParse(values[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            ? new StoreSettings(rate)
            : StoreSettings.Default;
    }

    private static Task<int> SetSettingAsync(DbConnection connection, DbTransaction transaction, string name, string value, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, transaction, "INSERT INTO settings (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value", cancellationToken,
            ("@n", name), ("@v", value));
}
