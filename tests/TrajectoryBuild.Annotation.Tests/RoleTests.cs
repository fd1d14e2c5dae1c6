using System.Net;
using System.Text.Json;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Annotation.Tests;

public sealed class RoleTests
{
    [Fact]
    public async Task EveryEndpoint_ForEachRole_IsRefusedExactlyWhereItsPlaceSaysAndServedElsewhere()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.Store.LoadSliceAsync(TestData.Slice(2, 2), [], "", TestContext.Current.CancellationToken);
        var sessions = new Dictionary<string, Session>(StringComparer.Ordinal);
        foreach (var role in Roles.All)
        {
            await server.AddUsersAsync(role, $"{role}1");
            sessions[role] = await server.LoginAsync($"{role}1");
        }

        var guarded = AppEndpoints.Of(server.App).Where(e => AppEndpoints.RolesFor(e.Pattern) is not null).ToList();
        var before = await StoreState.OfAsync(server.Store);
        using var row = ReliabilityRecord.Start("Annotation server", $"every endpoint of the app's routing ({guarded.Count} method-routes) requested by a signed-in user of each role ({string.Join(", ", Roles.All)})");
        var wrong = new List<string>();
        foreach (var endpoint in guarded)
        {
            var allowed = AppEndpoints.RolesFor(endpoint.Pattern)!;
            foreach (var (role, session) in sessions)
            {
                // No anti-forgery token: a POST let through by its policy stops at the token check (400) and changes nothing.
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
                using var response = await session.Client.SendAsync(request, TestContext.Current.CancellationToken);
                row.Case();
                var refused = response.StatusCode == HttpStatusCode.Forbidden;
                if (refused == allowed.Contains(role) || response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    wrong.Add($"{role}: {endpoint} -> {(int)response.StatusCode}, expected {(allowed.Contains(role) ? "served" : "403")}");
                }
            }
        }

        wrong.ShouldBeEmpty();
        (await StoreState.OfAsync(server.Store)).ShouldBe(before);
        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }

        row.Passed("each answered 403 exactly where its place says the role may not go (/admin and /api/admin: admins; /review and /api/review: "
            + "reviewers and admins; /annotate and the rest of /api: annotators; / and /logout: every role) and was served everywhere else; nothing in the store changed");
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
