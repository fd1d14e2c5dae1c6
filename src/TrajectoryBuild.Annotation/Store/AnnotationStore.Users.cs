using System.Data.Common;

namespace TrajectoryBuild.Annotation.Store;

internal sealed partial class AnnotationStore
{
    private const string UserColumns = "id, name, role, password_hash";

    /// <summary>Creates the account, or (with <paramref name="replace"/>) resets its role and password. False when it exists and may not be replaced.</summary>
    public async Task<bool> AddUserAsync(string name, string role, string password, bool replace, CancellationToken cancellationToken)
    {
        if (!Roles.IsValid(role))
        {
            throw new ArgumentException($"unknown role '{role}'; one of: {string.Join(", ", Roles.All)}", nameof(role));
        }

        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StoreConnections.BeginWriteAsync(connection, exclusive: false, cancellationToken).ConfigureAwait(false);
        var conflict = replace
            ? "ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash"
            : "ON CONFLICT (name) DO NOTHING";
        var changed = await Sql.ExecuteAsync(connection, transaction,
            $"INSERT INTO users (name, role, password_hash, created_at) VALUES (@name, @role, @hash, @now) {conflict}", cancellationToken,
            ("@name", name), ("@role", role), ("@hash", Passwords.Hash(password)), ("@now", Now)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<StoreUser?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var users = await Sql.ListAsync(connection, null, $"SELECT {UserColumns} FROM users WHERE name = @name", ReadUser, cancellationToken, ("@name", name)).ConfigureAwait(false);
        return users.SingleOrDefault();
    }

    public async Task<IReadOnlyList<StoreUser>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await Sql.ListAsync(connection, null, $"SELECT {UserColumns} FROM users ORDER BY name", ReadUser, cancellationToken).ConfigureAwait(false);
    }

    private static StoreUser ReadUser(DbDataReader r) => new(r.Long(0), r.GetString(1), r.GetString(2), r.GetString(3));
}
