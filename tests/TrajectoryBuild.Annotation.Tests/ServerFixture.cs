using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using TrajectoryBuild.Annotation.Hosting;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>The real app on ASP.NET Core's in-memory test server, over a real SQLite file in a temp folder.</summary>
internal sealed partial class ServerFixture : IAsyncDisposable
{
    public const string Password = "correct-horse-battery";

    private readonly TempDirectory _temp;

    private ServerFixture(TempDirectory temp, AnnotationStore store, WebApplication app)
    {
        _temp = temp;
        Store = store;
        App = app;
    }

    public AnnotationStore Store { get; }

    public WebApplication App { get; }

    public TestServer Server => (TestServer)App.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer))!;

    public string DatabasePath => _temp.Combine("annotate.db");

    /// <param name="clock">The store's and the server's clock (the login throttle's window); the system's by default.</param>
    public static async Task<ServerFixture> StartAsync(TimeProvider? clock = null)
    {
        var temp = new TempDirectory();
        var store = await AnnotationStore.OpenAsync(StoreLocation.Sqlite(temp.Combine("annotate.db")), clock ?? TimeProvider.System, TestContext.Current.CancellationToken);
        var app = AnnotationApp.Create(store, temp.Combine("keys"), builder => builder.WebHost.UseTestServer());
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ServerFixture(temp, store, app);
    }

    public async Task AddUsersAsync(string role, params string[] names)
    {
        foreach (var name in names)
        {
            (await Store.AddUserAsync(name, role, Password, replace: false, TestContext.Current.CancellationToken)).ShouldBeTrue();
        }
    }

    /// <summary>
    /// A client with its own cookie jar that follows no redirects (so tests see 302s); its requests come from
    /// <paramref name="address"/> when given (the test server has none of its own).
    /// </summary>
    public HttpClient Anonymous(IPAddress? address = null) =>
        new(new CookieContainerHandler(new CookieContainer()) { InnerHandler = Server.CreateHandler(context => context.Connection.RemoteIpAddress = address) }) { BaseAddress = Server.BaseAddress };

    /// <summary>Logs in through the login form (with its anti-forgery token) and returns the session.</summary>
    public Task<Session> LoginAsync(string name, string password = Password) => LoginAsync(Anonymous(), name, password);

    /// <summary>Logs <paramref name="client"/> (with a cookie jar, not following redirects) in through the login form; the session owns it.</summary>
    public static async Task<Session> LoginAsync(HttpClient client, string name, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = FormToken(await client.GetStringAsync("/login", TestContext.Current.CancellationToken));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name, ["password"] = password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/" });
        using var response = await client.PostAsync("/login", form, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"login of {name}");
        // The token is bound to the signed-in user: take a fresh one from the landing page of the role.
        using var root = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await client.GetStringAsync(root.Headers.Location, TestContext.Current.CancellationToken);
        return new Session(client, MetaToken(html), name);
    }

    public static string FormToken(string html) => FormTokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no form token in page");

    public static string MetaToken(string html) => MetaTokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no csrf meta token in page");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex MetaTokenPattern();
}
