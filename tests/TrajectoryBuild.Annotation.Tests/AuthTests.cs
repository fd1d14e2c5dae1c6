using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TrajectoryBuild.Annotation.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task EveryEndpoint_WithoutLogin_IsRefused()
    {
        await using var server = await ServerFixture.StartAsync();
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(15);
        using var client = server.Anonymous();
        var open = new List<string>();
        foreach (var (method, pattern) in endpoints)
        {
            var path = pattern.Replace("{id:long}", "1", StringComparison.Ordinal).Replace("{name}", "site.css", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var allowed = pattern is "/login" or "/favicon.ico" || pattern.StartsWith("/static/", StringComparison.Ordinal);
            if (allowed)
            {
                continue;
            }

            var refused = response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login", StringComparison.Ordinal));
            if (!refused)
            {
                open.Add($"{method} {path} -> {(int)response.StatusCode}");
            }
        }

        open.ShouldBeEmpty();
        endpoints.ShouldContain(e => e.Pattern == "/api/assignments/{id:long}/labels");
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
