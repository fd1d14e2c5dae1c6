using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using TrajectoryBuild.Annotation.Hosting;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>
/// 50 annotators at once against the real server (Kestrel on 127.0.0.1, real HTTP connections, one cookie jar each),
/// over each store: every label and every submission is there afterwards, counted with a fresh connection.
/// </summary>
public sealed class ConcurrencyTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>, IDisposable
{
    private const int Annotators = 50;
    private const int Turns = 3;
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task FiftyAnnotators_SavingAndSubmittingAtOnce_LoseNoLabel(string database)
    {
        var ct = TestContext.Current.CancellationToken;
        var (location, connectionString) = database == "sqlite"
            ? (StoreLocation.Sqlite(_temp.Combine("annotate.db")), $"Data Source={_temp.Combine("annotate.db")};Pooling=False")
            : await PostgresAsync();
        await using var store = await AnnotationStore.OpenAsync(location, TimeProvider.System, ct);
        // 25 items, 2 annotators each: every annotator gets exactly one, and each item is shared by two.
        await store.LoadSliceAsync(TestData.Slice(Annotators / 2, Turns, annotators: 2), [], "", ct);
        var names = Enumerable.Range(0, Annotators).Select(i => $"ann{i:00}").ToArray();
        foreach (var name in names)
        {
            await store.AddUserAsync(name, Roles.Annotator, ServerFixture.Password, false, ct);
        }

        await using var server = await AnnotationServer.StartAsync(store, ["http://127.0.0.1:0"], _temp.Combine("keys"), ct);
        using var row = ReliabilityRecord.Start("Annotation server", $"{Annotators} annotators at once against the real server (Kestrel, {database} store), each signing in, "
            + $"taking an item and saving its {Turns * Axes.All.Count} scores in parallel requests, then submitting");

        // All sign in and take an item at once; then, released together, all save every score of their trajectory at
        // once (as a fast annotator's saves arrive) and submit.
        var ready = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (saving, mostAtOnce) = (0, 0);
        await Task.WhenAll(names.Select((name, i) => Task.Run(
            async () =>
            {
                try
                {
                    using var session = await ServerFixture.LoginAsync(Client(server.Addresses[0]), name);
                    var id = (await session.NextAsync()).GetProperty("id").GetInt64();
                    if (Interlocked.Increment(ref ready) == Annotators)
                    {
                        go.SetResult();
                    }

                    await go.Task.WaitAsync(ct);
                    InterlockedMax(ref mostAtOnce, Interlocked.Increment(ref saving));
                    await Task.WhenAll(Enumerable.Range(0, Turns).SelectMany(turn => Axes.All.Select(axis => session.ScoreAsync(id, turn, axis.Name, Score(i, turn)))));
                    (await session.PostJsonAsync($"/api/assignments/{id}/submit", null)).EnsureSuccessStatusCode();
                    Interlocked.Decrement(ref saving);
                    row.Case();
                }
                catch (Exception failure)
                {
                    // The others must not wait for one that will never be ready.
                    go.TrySetException(failure);
                    throw;
                }
            },
            ct)));
        mostAtOnce.ShouldBeGreaterThanOrEqualTo(Annotators * 4 / 5, "the annotators saved at the same time");

        await using var connection = database == "sqlite" ? (DbConnection)new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        (await CountAsync(connection, "SELECT COUNT(*) FROM labels")).ShouldBe(Annotators * Turns);
        (await CountAsync(connection, $"SELECT COUNT(*) FROM labels WHERE {string.Join(" AND ", Axes.All.Select(a => a.Name + " IS NOT NULL"))}")).ShouldBe(Annotators * Turns);
        (await CountAsync(connection, "SELECT COUNT(*) FROM assignments WHERE submitted_at IS NOT NULL")).ShouldBe(Annotators);
        (await CountAsync(connection, "SELECT MAX(c) FROM (SELECT COUNT(*) AS c FROM assignments GROUP BY item_id) AS per_item")).ShouldBe(2);
        var exported = await store.ExportAsync(ct);
        exported.Count.ShouldBe(Annotators);
        foreach (var annotation in exported)
        {
            var i = Array.IndexOf(names, annotation.Annotator);
            annotation.Submitted.ShouldBeTrue();
            annotation.Turns.Select(t => string.Join(",", t.Scores.Values)).ShouldBe(Enumerable.Range(0, Turns).Select(turn => string.Join(",", Enumerable.Repeat(Score(i, turn), Axes.All.Count))));
        }

        row.Passed($"no label lost: {Annotators * Turns} label rows with all {Axes.All.Count} axes, each annotator's scores as sent, {Annotators} submissions, "
            + $"no item given to more than its 2 annotators (counted with a fresh connection); up to {mostAtOnce} annotators were saving at the same moment");
    }

    private static int Score(int annotator, int turn) => 1 + ((annotator + turn) % 3);

    private static void InterlockedMax(ref int most, int value)
    {
        var seen = Volatile.Read(ref most);
        while (value > seen && Interlocked.CompareExchange(ref most, value, seen) is var before && before != seen)
        {
            seen = before;
        }
    }

    private static HttpClient Client(string address) =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };

    private async Task<(StoreLocation Location, string ConnectionString)> PostgresAsync()
    {
        cluster.Require();
        var connectionString = await cluster.CreateDatabaseAsync();
        return (StoreLocation.Postgres(connectionString), connectionString);
    }

    private static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
