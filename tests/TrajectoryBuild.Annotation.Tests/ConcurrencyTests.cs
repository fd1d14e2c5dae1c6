using Microsoft.Data.Sqlite;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Annotation.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task FiftyAnnotators_SubmittingAtOnce_LoseNoLabel()
    {
        const int Annotators = 50;
        const int Turns = 3;
        await using var server = await ServerFixture.StartAsync();
        // 25 items, 2 annotators each: every annotator gets exactly one, and each item is shared by two.
        await server.Store.LoadSliceAsync(TestData.Slice(Annotators / 2, Turns, annotators: 2), [], "", TestContext.Current.CancellationToken);
        var names = Enumerable.Range(0, Annotators).Select(i => $"ann{i:00}").ToArray();
        await Task.WhenAll(names.Select(n => server.Store.AddUserAsync(n, Roles.Annotator, ServerFixture.Password, false, TestContext.Current.CancellationToken)));
        var sessions = await Task.WhenAll(names.Select(n => server.LoginAsync(n)));

        await Task.WhenAll(sessions.Select((session, i) => Task.Run(async () =>
        {
            var id = (await session.NextAsync()).GetProperty("id").GetInt64();
            // Every score of the trajectory posted at once, as a fast annotator's saves would arrive.
            await Task.WhenAll(Enumerable.Range(0, Turns).SelectMany(turn => Axes.All.Select(axis => session.ScoreAsync(id, turn, axis.Name, 1 + ((i + turn) % 3)))));
            (await session.PostJsonAsync($"/api/assignments/{id}/submit", null)).EnsureSuccessStatusCode();
        }, TestContext.Current.CancellationToken)));

        foreach (var session in sessions)
        {
            session.Dispose();
        }

        // Counted straight from the file, with a fresh connection.
        await using var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        (await CountAsync(connection, "SELECT COUNT(*) FROM labels")).ShouldBe(Annotators * Turns);
        (await CountAsync(connection, $"SELECT COUNT(*) FROM labels WHERE {string.Join(" AND ", Axes.All.Select(a => a.Name + " IS NOT NULL"))}")).ShouldBe(Annotators * Turns);
        (await CountAsync(connection, "SELECT COUNT(*) FROM assignments WHERE submitted_at IS NOT NULL")).ShouldBe(Annotators);
        (await CountAsync(connection, "SELECT MAX(c) FROM (SELECT COUNT(*) AS c FROM assignments GROUP BY item_id)")).ShouldBe(2);
        var exported = await server.Store.ExportAsync(TestContext.Current.CancellationToken);
        exported.Count.ShouldBe(Annotators);
        foreach (var annotation in exported)
        {
            var i = Array.IndexOf(names, annotation.Annotator);
            annotation.Turns.Select(t => t.Scores[0]).ShouldBe(Enumerable.Range(0, Turns).Select(turn => (int?)(1 + ((i + turn) % 3))));
        }
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
