using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Annotation.Tests;

public sealed class CsrfAndXssTests
{
    [Fact]
    public async Task EveryStateChangingEndpoint_WithoutTokenOrWithAForeignOrForgedOne_IsRefusedAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerFixture.StartAsync();
        await server.Store.LoadSliceAsync(TestData.Slice(2, 2), [], "", ct);
        var sessions = new Dictionary<string, Session>(StringComparer.Ordinal);
        foreach (var role in Roles.All)
        {
            await server.AddUsersAsync(role, $"{role}1");
            sessions[role] = await server.LoginAsync($"{role}1");
        }

        var assignment = (await sessions[Roles.Annotator].NextAsync()).GetProperty("id").GetInt64();
        var item = (await server.Store.ItemsAsync(ct))[0].Id;
        var posts = AppEndpoints.Of(server.App).Where(e => e.ChangesState).ToList();
        posts.Count.ShouldBeGreaterThan(8);
        var before = await StoreState.OfAsync(server.Store);
        using var row = ReliabilityRecord.Start("Annotation server", $"every state-changing endpoint of the app's routing ({posts.Count}), each with a valid body from a user allowed there: no anti-forgery token, another session's token, a forged one");

        foreach (var endpoint in posts)
        {
            using var anonymous = server.Anonymous();
            var login = ServerFixture.FormToken(await anonymous.GetStringAsync("/login", ct));
            var (client, own, foreign) = AppEndpoints.RolesFor(endpoint.Pattern) is [var role, ..]
                ? (sessions[role].Client, sessions[role].Token, sessions[role == Roles.Admin ? Roles.Reviewer : Roles.Admin].Token)
                : (anonymous, login, sessions[Roles.Admin].Token);
            foreach (var (name, token) in new[] { ("no token", (string?)null), ("another session's token", foreign), ("a forged token", "CfDJ8" + new string('A', 80)) })
            {
                using var refused = await client.SendAsync(Request(endpoint, assignment, item, token), ct);
                row.Case();
                refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{endpoint} with {name}");
                (await refused.Content.ReadAsStringAsync(ct)).ShouldContain("anti-forgery token", Case.Sensitive, $"{endpoint} with {name}");
            }

            // With its own token the same request is served: the body was valid, only the token was missing or wrong.
            if (endpoint.Pattern != "/logout")
            {
                using var served = await client.SendAsync(Request(endpoint, assignment, item, own), ct);
                ((int)served.StatusCode).ShouldBeLessThan(400, $"{endpoint} with its own token");
            }
        }

        // The refused requests changed nothing; the served ones, after them, changed the store.
        var after = await StoreState.OfAsync(server.Store);
        after.ShouldNotBe(before);
        (await server.Store.FindUserAsync("eve", ct)).ShouldNotBeNull();
        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }

        row.Passed("each refused with 400 \"missing or invalid anti-forgery token\" and nothing changed, while the same request with the session's own token was served");
    }

    // A valid request of each state-changing endpoint; a new one has no body here until one is given.
    private static HttpRequestMessage Request(AppEndpoint endpoint, long assignment, long item, string? token)
    {
        (string Path, HttpContent? Content) valid = endpoint.Pattern switch
        {
            "/login" => ("/login", Form(("name", $"{Roles.Admin}1"), ("password", ServerFixture.Password))),
            "/logout" => ("/logout", null),
            "/api/next" => ("/api/next", JsonContent.Create(new { })),
            "/api/assignments/{id:long}/labels" => (AppEndpoints.PathOf(endpoint.Pattern, assignment), JsonContent.Create(new { turn = 0, axis = "relevance", score = 2 })),
            "/api/assignments/{id:long}/submit" => (AppEndpoints.PathOf(endpoint.Pattern, assignment), JsonContent.Create(new { })),
            "/api/review/items/{id:long}/labels" => (AppEndpoints.PathOf(endpoint.Pattern, item), JsonContent.Create(new { turn = 0, axis = "relevance", score = 3 })),
            "/admin/users" => ("/admin/users", Form(("name", "eve"), ("role", Roles.Admin), ("password", "12345678"))),
            "/admin/overlap" => ("/admin/overlap", Form(("annotators", "3"), ("fraction", "0.5"))),
            "/admin/gold-rate" => ("/admin/gold-rate", Form(("rate", "0.3"))),
            _ => throw new ShouldAssertException($"{endpoint} is a new state-changing endpoint: give it a valid request in CsrfAndXssTests.Request"),
        };
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), valid.Path) { Content = valid.Content };
        if (token is not null)
        {
            request.Headers.Add(Web.AntiforgeryFilter.HeaderName, token);
        }

        return request;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) => new(fields.ToDictionary(f => f.Name, f => f.Value));

    [Fact]
    public async Task TrajectoryContent_NeverReachesAPageOrJsonAsMarkup()
    {
        await using var server = await ServerFixture.StartAsync();
        var payload = TestData.Hostile;
        await server.Store.LoadSliceAsync([TestData.Item("xss-<b>bold</b>" + TestData.Script, 2, annotators: 2, payload: payload)], [], "", TestContext.Current.CancellationToken);
        using var row = ReliabilityRecord.Start("Annotation server", $"hostile trajectory content ({TestData.Vectors.Length} markup vectors: script, img onerror, svg onload, iframe and link to javascript:, "
            + "attribute and tag breakouts, style, meta refresh, bold) in the trajectory id, prompt, thought, tool call, observation and patch and in two annotators' comments, "
            + "read back through every page and JSON response that shows them (annotator, review, admin)");
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
            foreach (var (_, raw) in TestData.Vectors)
            {
                body.ShouldNotContain(raw);
            }

            row.Case();
        }

        responses[2].ShouldContain("&lt;b&gt;bold&lt;/b&gt;");
        row.Passed("never markup: pages carried it HTML-encoded and JSON with <, > and & escaped, so no response held any vector as raw markup; the JSON still gave the text back whole");
    }
}
