using System.Net;
using System.Text.Json;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Tests;

public sealed class RoleTests
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/export?format=jsonl")]
    [InlineData("/api/admin/progress")]
    [InlineData("/api/admin/agreement")]
    [InlineData("/api/admin/users")]
    [InlineData("/review")]
    [InlineData("/api/review/items")]
    [InlineData("/api/review/items/1")]
    public async Task Annotator_AdminAndReviewRoutes_AreForbidden(string path)
    {
        await using var server = await ServerFixture.StartAsync();
        await server.Store.LoadSliceAsync(TestData.Slice(1, 2), [], "", TestContext.Current.CancellationToken);
        await server.AddUsersAsync(Roles.Annotator, "ann");
        using var ann = await server.LoginAsync("ann");

        using var response = await ann.Client.GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Annotator_CannotPostAdminForms()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.AddUsersAsync(Roles.Annotator, "ann");
        using var ann = await server.LoginAsync("ann");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "mallory", ["role"] = "admin", ["password"] = "12345678", ["__RequestVerificationToken"] = ann.Token });

        using var response = await ann.Client.PostAsync("/admin/users", form, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await server.Store.FindUserAsync("mallory", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task Annotator_CannotReadAnotherAnnotatorsAssignmentOrLabels()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.Store.LoadSliceAsync(TestData.Slice(1, 2, annotators: 2), [], "", TestContext.Current.CancellationToken);
        await server.AddUsersAsync(Roles.Annotator, "alice", "bob");
        using var alice = await server.LoginAsync("alice");
        using var bob = await server.LoginAsync("bob");
        var aliceAssignment = (await alice.NextAsync()).GetProperty("id").GetInt64();
        await alice.ScoreAsync(aliceAssignment, 0, "relevance", 1);
        using (var submit = await alice.PostJsonAsync($"/api/assignments/{aliceAssignment}/submit", null))
        {
            submit.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var bobAssignment = (await bob.NextAsync()).GetProperty("id").GetInt64();
        bobAssignment.ShouldNotBe(aliceAssignment);

        (await bob.Client.GetAsync($"/api/assignments/{aliceAssignment}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.Client.GetAsync($"/annotate/{aliceAssignment}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var write = await bob.PostJsonAsync($"/api/assignments/{aliceAssignment}/labels", new { turn = 0, axis = "relevance", score = 3 }))
        {
            write.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Bob's own view of the same trajectory carries only his (empty) labels.
        var view = JsonDocument.Parse(await bob.Client.GetStringAsync($"/api/assignments/{bobAssignment}", TestContext.Current.CancellationToken)).RootElement;
        view.GetProperty("labels").GetArrayLength().ShouldBe(0);
        view.ToString().ShouldNotContain("alice");
        var aliceRows = await server.Store.LabelsAsync("WHERE u.name = 'alice'", TestContext.Current.CancellationToken);
        aliceRows.Single().Scores[0].ShouldBe(1);
    }

    [Fact]
    public async Task Reviewer_SeesDisagreementsButNotAdminPages()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.Store.LoadSliceAsync(TestData.Slice(1, 1, annotators: 2), [], "", TestContext.Current.CancellationToken);
        await server.AddUsersAsync(Roles.Annotator, "alice", "bob");
        await server.AddUsersAsync(Roles.Reviewer, "rita");
        foreach (var (name, score) in new[] { ("alice", 1), ("bob", 3) })
        {
            using var session = await server.LoginAsync(name);
            var id = (await session.NextAsync()).GetProperty("id").GetInt64();
            await session.ScoreAsync(id, 0, "relevance", score);
            (await session.PostJsonAsync($"/api/assignments/{id}/submit", null)).EnsureSuccessStatusCode();
        }

        using var rita = await server.LoginAsync("rita");
        (await rita.Client.GetAsync("/admin", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await rita.Client.GetAsync("/api/assignments", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var items = JsonDocument.Parse(await rita.Client.GetStringAsync("/api/review/items", TestContext.Current.CancellationToken)).RootElement;
        items.GetArrayLength().ShouldBe(1);
        var itemId = items[0].GetProperty("itemId").GetInt64();
        using (var adjudicate = await rita.PostJsonAsync($"/api/review/items/{itemId}/labels", new { turn = 0, axis = "relevance", score = 2 }))
        {
            adjudicate.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var exported = await server.Store.ExportAsync(TestContext.Current.CancellationToken);
        exported.Single(a => a.Kind == Verification.Labels.AnnotationKind.Adjudicated).Turns.Single().Scores[0].ShouldBe(2);
        exported.Count(a => a.Kind == Verification.Labels.AnnotationKind.Human).ShouldBe(2);
    }
}
