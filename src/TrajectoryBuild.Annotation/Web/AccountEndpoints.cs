using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>Log in and out. The only routes open without an account are the login page and the static files.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, AnnotationStore store)
    {
        routes.MapGet("/login", (HttpContext context) => LoginPage(context, null)).AllowAnonymous();
        routes.MapPost("/login", async (HttpContext context, LoginThrottle throttle, CancellationToken cancellationToken) =>
        {
            var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            var name = form["name"].ToString().Trim();
            var password = form["password"].ToString();
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.RetryAfter(name, address) is { } wait)
            {
                // Refused before the password is checked: while it waits, a guesser learns nothing, right or wrong.
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return LoginPage(context, $"Too many failed logins. Try again in {(seconds + 59) / 60} minute{(seconds > 60 ? "s" : "")}.");
            }

            var user = name.Length == 0 ? null : await store.FindUserAsync(name, cancellationToken).ConfigureAwait(false);
            if (!Passwords.Verify(user?.PasswordHash, password) || user is null)
            {
                throttle.Failed(name, address);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return LoginPage(context, "Unknown name or wrong password.");
            }

            throttle.Succeeded(name);

            var identity = new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                    new Claim(ClaimTypes.Name, user.Name),
                    new Claim(ClaimTypes.Role, user.Role),
                ],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
            return Results.Redirect(SafeReturnUrl(form["returnUrl"].ToString()));
        }).AllowAnonymous().AddEndpointFilter<AntiforgeryFilter>();
        routes.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.Redirect("/login");
        }).AddEndpointFilter<AntiforgeryFilter>();
    }

    /// <summary>Only a local path: a return URL pointing elsewhere would make the login page an open redirect.</summary>
    public static string SafeReturnUrl(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] is not '/' and not '\\' ? url : "/";

    private static IResult LoginPage(HttpContext context, string? error)
    {
        var returnUrl = SafeReturnUrl(context.Request.Query["ReturnUrl"].ToString() is { Length: > 0 } q ? q : null);
        var body = $"""
            <section class="login"><h1>Log in</h1>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{Html.E(error)}</p>")}
            <form method="post" action="/login">{Html.AntiforgeryField(context)}
            <input type="hidden" name="returnUrl" value="{Html.E(returnUrl)}">
            <label>Name <input name="name" id="name" autocomplete="username" required autofocus></label>
            <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
            <button type="submit" id="login">Log in</button></form>
            <p class="hint">Accounts are created by an admin: <code>trajbuild annotate users add NAME --role annotator</code>.</p></section>
            """;
        return Html.Page(context, "Log in", body);
    }
}
