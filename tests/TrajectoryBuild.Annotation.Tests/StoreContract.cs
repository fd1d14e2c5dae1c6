using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>The store's behaviour, run against each database (SQLite file, PostgreSQL cluster).</summary>
public abstract class StoreContract
{
    private protected abstract Task<AnnotationStore> OpenAsync();

    [Fact]
    public async Task Migrations_RunOnce_AndReopenKeepsData()
    {
        await using (var store = await OpenAsync())
        {
            await store.AddUserAsync("ann", Roles.Annotator, "password1", false, TestContext.Current.CancellationToken);
        }

        await using var reopened = await OpenAsync();
        (await reopened.ListUsersAsync(TestContext.Current.CancellationToken)).Select(u => u.Name).ShouldBe(["ann"]);
        (await reopened.AddUserAsync("ann", Roles.Admin, "password2", false, TestContext.Current.CancellationToken)).ShouldBeFalse();
    }

    [Fact]
    public async Task Next_RespectsOverlap_AndMixesGoldAtTheRate()
    {
        await using var store = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await store.LoadSliceAsync([.. TestData.Slice(4, 2, annotators: 2), TestData.Item("gold1", 2)], [TestData.Gold("gold1", 2)], "gold.jsonl", ct);
        await store.SetGoldRateAsync(0.25, ct);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await store.AddUserAsync(name, Roles.Annotator, "password1", false, ct);
        }

        var users = (await store.ListUsersAsync(ct)).ToDictionary(u => u.Name, u => u.Id);
        var seen = new Dictionary<string, List<string>>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            seen[name] = [];
            while (await store.NextAsync(users[name], ct) is { } next)
            {
                seen[name].Add(next.TrajectoryId);
                (await store.SubmitAsync(next.Id, users[name], ct)).ShouldBeTrue();
            }
        }

        // 4 items x 2 annotators = 8 regular places; one gold in each block of 4 places of a queue.
        seen.Values.Sum(v => v.Count(id => id != "gold1")).ShouldBe(8);
        seen["a"].Take(4).Count(id => id == "gold1").ShouldBe(1, string.Join(", ", seen["a"]));
        seen["a"].Where(id => id != "gold1").ShouldBe(["t000", "t001", "t002", "t003"]);
        seen["a"].Distinct().Count().ShouldBe(seen["a"].Count);
        var items = await store.ItemsAsync(ct);
        items.Single(i => i.TrajectoryId == "gold1").IsGold.ShouldBeTrue();
    }

    [Fact]
    public async Task Labels_AreUpserted_AndExportRoundTrips()
    {
        await using var store = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await store.LoadSliceAsync([.. TestData.Slice(1, 3), TestData.Item("gold1", 1)], [TestData.Gold("gold1", 1, score: 2)], "gold.jsonl", ct);
        await store.AddUserAsync("a", Roles.Annotator, "password1", false, ct);
        var user = (await store.FindUserAsync("a", ct))!.Id;
        var assignment = (await store.NextAsync(user, ct))!;
        (await store.SetOwnLabelAsync(assignment.Id, user, 0, Axes.Relevance, 1, null, ct)).ShouldBe(LabelChange.Saved);
        (await store.SetOwnLabelAsync(assignment.Id, user, 0, Axes.Relevance, 3, null, ct)).ShouldBe(LabelChange.Saved);
        (await store.SetOwnLabelAsync(assignment.Id, user, 0, null, null, "looks fine", ct)).ShouldBe(LabelChange.Saved);
        (await store.SetOwnLabelAsync(assignment.Id, user, 2, Axes.UnsafeEdits, 1, null, ct)).ShouldBe(LabelChange.Saved);
        (await store.SetOwnLabelAsync(assignment.Id, user, 3, Axes.UnsafeEdits, 1, null, ct)).ShouldBe(LabelChange.BadTurn);
        (await store.SubmitAsync(assignment.Id, user, ct)).ShouldBeTrue();
        (await store.SetOwnLabelAsync(assignment.Id, user, 0, Axes.Relevance, 2, null, ct)).ShouldBe(LabelChange.AlreadySubmitted);

        var exported = await store.ExportAsync(ct);
        using var buffer = new MemoryStream();
        LabelsJsonl.Write(buffer, exported);
        buffer.Position = 0;
        var read = LabelsJsonl.Read(new StreamReader(buffer), "export.jsonl");

        read.Count.ShouldBe(2);
        var human = read.Single(a => a.Kind == AnnotationKind.Human);
        human.Annotator.ShouldBe("a");
        human.Submitted.ShouldBeTrue();
        human.Turns.Select(t => t.Turn).ShouldBe([0, 2]);
        human.Turns[0].Scores[Axes.Relevance].ShouldBe(3);
        human.Turns[0].Comment.ShouldBe("looks fine");
        human.Turns[1].Scores[Axes.UnsafeEdits].ShouldBe(1);
        read.Single(a => a.Kind == AnnotationKind.Gold).Annotator.ShouldBe("gold-author");
    }

    [Fact]
    public async Task ConcurrentNext_NeverOverfillsAnItem()
    {
        await using var store = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        await store.LoadSliceAsync(TestData.Slice(5, 1, annotators: 2), [], "", ct);
        var names = Enumerable.Range(0, 16).Select(i => $"u{i:00}").ToList();
        foreach (var name in names)
        {
            await store.AddUserAsync(name, Roles.Annotator, "password1", false, ct);
        }

        var users = await store.ListUsersAsync(ct);
        var results = await Task.WhenAll(users.Select(u => Task.Run(() => store.NextAsync(u.Id, ct), ct)));

        results.Count(r => r is not null).ShouldBe(10);
        results.Where(r => r is not null).GroupBy(r => r!.ItemId).ShouldAllBe(g => g.Count() == 2);
    }

    [Fact]
    public async Task Load_GoldForAnUnknownTrajectory_FailsAndLoadsNothing()
    {
        await using var store = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;

        var error = await Should.ThrowAsync<LabelFileException>(() => store.LoadSliceAsync(TestData.Slice(2, 1), [TestData.Gold("missing", 1)], "gold.jsonl", ct));

        error.Message.ShouldContain("gold.jsonl");
        error.Message.ShouldContain("'missing' is not in the slice");
        (await store.ItemsAsync(ct)).ShouldBeEmpty();
    }
}

public sealed class SqliteStoreTests : StoreContract, IDisposable
{
    private readonly Testing.TempDirectory _temp = new();

    private protected override Task<AnnotationStore> OpenAsync() =>
        AnnotationStore.OpenAsync(StoreLocation.Sqlite(_temp.Combine("store", "annotate.db")), TimeProvider.System, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
