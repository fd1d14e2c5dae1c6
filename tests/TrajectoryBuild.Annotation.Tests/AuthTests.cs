using System.Net;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Annotation.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task EveryEndpoint_WithoutLogin_IsRefused()
    {
        await using var server = await ServerFixture.StartAsync();
        var endpoints = AppEndpoints.Of(server.App);
        endpoints.Count.ShouldBeGreaterThan(15);
        endpoints.ShouldContain(e => e.Pattern == "/api/assignments/{id:long}/labels");
        var guarded = endpoints.Where(e => AppEndpoints.RolesFor(e.Pattern) is not null).ToList();
        using var row = ReliabilityRecord.Start("Annotation server", $"every endpoint of the app's routing (its endpoint data source: {guarded.Count} method-routes besides the login page, the icon and the static files), requested with no session");
        using var client = server.Anonymous();
        var open = new List<string>();
        foreach (var endpoint in guarded)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            row.Case();
            var refused = response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login", StringComparison.Ordinal));
            if (!refused)
            {
                open.Add($"{endpoint} -> {(int)response.StatusCode}");
            }
        }

        open.ShouldBeEmpty();
        row.Passed("each refused: 401 (the API and every POST) or a redirect to /login (pages); none ran");
    }

    [Fact]
    public async Task Login_WrongPassword_IsRefusedAndSetsNoCookie()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.AddUsersAsync("annotator", "ann");
        using var client = server.Anonymous();
        var token = ServerFixture.FormToken(await client.GetStringAsync("/login", TestContext.Current.CancellationToken));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "ann", ["password"] = "wrong-password", ["__RequestVerificationToken"] = token });

        using var response = await client.PostAsync("/login", form, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        cookies.ShouldNotContain(c => c.StartsWith("trajbuild.auth", StringComparison.Ordinal));
        (await client.GetAsync("/api/assignments", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_WrongPasswords_AreLimitedPerNameAndPerAddress_UntilTheWindowPasses()
    {
        var clock = new ManualClock();
        await using var server = await ServerFixture.StartAsync(clock);
        await server.AddUsersAsync(Roles.Annotator, [.. Enumerable.Range(0, 22).Select(i => $"ann{i:00}")]);
        var office = IPAddress.Parse("192.0.2.10");
        var elsewhere = IPAddress.Parse("198.51.100.7");
        var limits = new Web.LoginLimits();
        using var row = ReliabilityRecord.Start("Annotation server", $"password guessing at POST /login: wrong passwords for one name, then the right one; wrong passwords from one address over many names, then right ones from there and from another address; then the same after the {limits.Window.TotalMinutes:0}-minute window (a test clock)");

        // One name: its first 5 failures are answered; the next attempt is refused before the password is checked, even the right one.
        for (var i = 0; i < limits.PerName; i++)
        {
            (await AttemptAsync(server, office, "ann00", "wrong-password", row)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var limited = await AttemptAsync(server, office, "ann00", ServerFixture.Password, row);
        limited.Status.ShouldBe((HttpStatusCode)429);
        limited.RetryAfter.ShouldBe(limits.Window);
        limited.SignedIn.ShouldBeFalse();
        (await AttemptAsync(server, elsewhere, "ANN00", ServerFixture.Password, row)).Status.ShouldBe((HttpStatusCode)429, "the name's limit holds from any address, in any case");
        (await AttemptAsync(server, office, "ann01", ServerFixture.Password, row)).SignedIn.ShouldBeTrue("another name from the same address is not held");

        // One address: 20 failures over other names (3 each, under the name limit), then even a right password from there waits.
        for (var i = limits.PerName; i < limits.PerAddress; i++)
        {
            (await AttemptAsync(server, office, $"ann{2 + (i / 3):00}", "wrong-password", row)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await AttemptAsync(server, office, "ann20", ServerFixture.Password, row)).Status.ShouldBe((HttpStatusCode)429);
        (await AttemptAsync(server, elsewhere, "ann20", ServerFixture.Password, row)).SignedIn.ShouldBeTrue("another address is not held");

        // Failures leave the window; a success clears its name's count.
        clock.Advance(limits.Window - TimeSpan.FromSeconds(1));
        (await AttemptAsync(server, office, "ann00", ServerFixture.Password, row)).RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        (await AttemptAsync(server, office, "ann00", ServerFixture.Password, row)).SignedIn.ShouldBeTrue();
        (await AttemptAsync(server, office, "ann21", ServerFixture.Password, row)).SignedIn.ShouldBeTrue();
        row.Passed($"after {limits.PerName} failures for a name, or {limits.PerAddress} from an address, within {limits.Window.TotalMinutes:0} minutes, the next login "
            + "(right password or not) got 429 with Retry-After and no session, the name held from every address; other names and addresses were not held, "
            + "successful logins were never counted, and logins worked again once the failures left the window");
    }

    private static async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, bool SignedIn)> AttemptAsync(ServerFixture server, IPAddress from, string name, string password, ReliabilityRecord row)
    {
        using var client = server.Anonymous(from);
        var token = ServerFixture.FormToken(await client.GetStringAsync("/login", TestContext.Current.CancellationToken));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name, ["password"] = password, ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync("/login", form, TestContext.Current.CancellationToken);
        row.Case();
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        var signedIn = cookies.Any(c => c.StartsWith("trajbuild.auth=", StringComparison.Ordinal));
        signedIn.ShouldBe(response.StatusCode == HttpStatusCode.Redirect, $"{name} from {from}: {(int)response.StatusCode}");
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, signedIn);
    }

    [Theory]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/admin", "/admin")]
    public void SafeReturnUrl_OnlyLocalPaths(string url, string expected) =>
        Web.AccountEndpoints.SafeReturnUrl(url).ShouldBe(expected);

    [Fact]
    public async Task Responses_CarryStrictSecurityHeaders()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Anonymous();

        using var response = await client.GetAsync("/login", TestContext.Current.CancellationToken);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("<script>");
    }
}
