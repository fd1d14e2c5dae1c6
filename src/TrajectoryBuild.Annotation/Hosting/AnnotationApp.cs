using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrajectoryBuild.Annotation.Agreement;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Annotation.Web;

namespace TrajectoryBuild.Annotation.Hosting;

/// <summary>
/// The web application: cookie login (failed attempts throttled per name and per address), role policies (a fallback
/// policy makes every route require a signed-in user), anti-forgery on every POST, security headers, and the routes. The host (Kestrel, or a test server) is the caller's.
/// </summary>
internal static class AnnotationApp
{
    public const string AuthCookie = "trajbuild.auth";
    public const string CsrfCookie = "trajbuild.csrf";

    /// <param name="store">The open store.</param>
    /// <param name="keysDirectory">Where the data-protection keys (which sign cookies and tokens) are kept, so a restart keeps sessions.</param>
    /// <param name="configure">Host setup: URLs and Kestrel, or the test server.</param>
    public static WebApplication Create(AnnotationStore store, string keysDirectory, Action<WebApplicationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "trajbuild-annotate", EnvironmentName = "Production", Args = [] });
        // Our own lines say what the server does; the framework's request logs are off (they would add nothing, and
        // query strings or headers have no place in a log).
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Antiforgery", LogLevel.Error)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        var services = builder.Services;
        services.AddSingleton(store);
        services.AddSingleton(new LoginThrottle(store.Clock, new LoginLimits()));
        services.AddSingleton<IAgreementMetrics, ReportAgreement>();
        services.AddDataProtection().SetApplicationName("trajbuild-annotate").PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryFilter.HeaderName;
            o.Cookie.Name = CsrfCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = AuthCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            // APIs answer 401 / 403; pages redirect to the login page or answer 403.
            o.Events.OnRedirectToLogin = context =>
            {
                if (IsApi(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }

                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Annotate, p => p.RequireRole(Roles.Annotator))
            .AddPolicy(Policies.Review, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            // The default encoder escapes <, > and & (\u003C ...): trajectory text in JSON can never read as markup.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default;
        });
        configure(builder);

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        StaticAssets.Map(app);
        AccountEndpoints.Map(app, store);
        PageEndpoints.Map(app, store);
        AnnotatorApi.Map(app, store);
        ReviewApi.Map(app, store);
        AdminEndpoints.Map(app, store, app.Services.GetRequiredService<IAgreementMetrics>());
        return app;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || !string.Equals(request.Method, HttpMethods.Get, StringComparison.Ordinal);
}
