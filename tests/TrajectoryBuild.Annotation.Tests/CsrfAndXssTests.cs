using System.Net;
using System.Text.Json;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Tests;

public sealed class CsrfAndXssTests
{
    [Fact]
    public async Task ScorePost_WithoutToken_IsRefusedAndSavesNothing()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.Store.LoadSliceAsync(TestData.Slice(1, 2), [], "", TestContext.Current.CancellationToken);
        await server.AddUsersAsync(Roles.Annotator, "ann");
        using var ann = await server.LoginAsync("ann");
        var id = (await ann.NextAsync()).GetProperty("id").GetInt64();

        using var refused = await ann.PostJsonAsync($"/api/assignments/{id}/labels", new { turn = 0, axis = "relevance", score = 2 }, withToken: false);
        using var submit = await ann.PostJsonAsync($"/api/assignments/{id}/submit", null, withToken: false);
        using var next = await ann.PostJsonAsync("/api/next", null, withToken: false);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        submit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        next.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await server.Store.LabelsAsync("", TestContext.Current.CancellationToken)).ShouldBeEmpty();
        (await server.Store.AssignmentsAsync(1, TestContext.Current.CancellationToken)).ShouldAllBe(a => !a.Submitted);
        await ann.ScoreAsync(id, 0, "relevance", 2);
        (await server.Store.LabelsAsync("", TestContext.Current.CancellationToken)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Forms_WithoutToken_AreRefused()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.AddUsersAsync(Roles.Admin, "root");
        using var root = await server.LoginAsync("root");
        using var anonymous = server.Anonymous();
        using var userForm = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "eve", ["role"] = "admin", ["password"] = "12345678" });
        using var loginForm = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "root", ["password"] = ServerFixture.Password });

        using var addUser = await root.Client.PostAsync("/admin/users", userForm, TestContext.Current.CancellationToken);
        using var login = await anonymous.PostAsync("/login", loginForm, TestContext.Current.CancellationToken);
        using var logout = await root.Client.PostAsync("/logout", null, TestContext.Current.CancellationToken);

        addUser.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        logout.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await server.Store.FindUserAsync("eve", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task TrajectoryContent_NeverReachesAPageOrJsonAsMarkup()
    {
        await using var server = await ServerFixture.StartAsync();
        var payload = TestData.Script + TestData.Image;
        await server.Store.LoadSliceAsync([TestData.Item("xss-<b>bold</b>" + TestData.Script, 2, annotators: 2, payload: payload)], [], "", TestContext.Current.CancellationToken);
        await server.AddUsersAsync(Roles.Annotator, "alice", "bob");
        await server.AddUsersAsync(Roles.Admin, "root");
        var responses = new List<string>();
        long itemId = 0;
        foreach (var (name, score) in new[] { ("alice", 1), ("bob", 2) })
        {
            using var session = await server.LoginAsync(name);
            var next = await session.NextAsync();
            var id = next.GetProperty("id").GetInt64();
            using (var comment = await session.PostJsonAsync($"/api/assignments/{id}/labels", new { turn = 0, axis = (string?)null, score = (int?)null, comment = payload }))
            {
                comment.EnsureSuccessStatusCode();
            }

            await session.ScoreAsync(id, 0, "relevance", score);
            responses.Add(await session.Client.GetStringAsync($"/api/assignments/{id}", TestContext.Current.CancellationToken));
            responses.Add(await session.Client.GetStringAsync("/api/assignments", TestContext.Current.CancellationToken));
            responses.Add(await session.Client.GetStringAsync("/annotate", TestContext.Current.CancellationToken));
            responses.Add(await session.Client.GetStringAsync($"/annotate/{id}", TestContext.Current.CancellationToken));
            (await session.PostJsonAsync($"/api/assignments/{id}/submit", null)).EnsureSuccessStatusCode();
            itemId = (await server.Store.AssignmentAsync(id, (await server.Store.FindUserAsync(name, TestContext.Current.CancellationToken))!.Id, TestContext.Current.CancellationToken))!.ItemId;
        }

        using var root = await server.LoginAsync("root");
        foreach (var path in new[] { "/admin", "/review", "/api/review/items", $"/api/review/items/{itemId}", $"/review/{itemId}", "/api/admin/progress" })
        {
            responses.Add(await root.Client.GetStringAsync(path, TestContext.Current.CancellationToken));
        }

        var review = JsonDocument.Parse(responses[^3]).RootElement;
        review.GetProperty("trajectory").GetProperty("turns")[0].GetProperty("observations")[0].GetProperty("content").GetString()!.ShouldContain(TestData.Script);
        foreach (var body in responses)
        {
            body.ShouldNotContain("<script>window");
            body.ShouldNotContain("<img src=x");
            body.ShouldNotContain("<b>bold");
        }

        responses[2].ShouldContain("&lt;b&gt;bold&lt;/b&gt;");
    }
}
