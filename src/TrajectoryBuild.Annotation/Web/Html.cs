using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>
/// Server-rendered pages. Every value goes through <see cref="E"/> (HTML-encoded); no page has inline script or style,
/// so the Content-Security-Policy forbids both.
/// </summary>
internal static class Html
{
    public static string E(object? value) => HtmlEncoder.Default.Encode(value?.ToString() ?? "");

    /// <summary>The hidden anti-forgery field for a form.</summary>
    public static string AntiforgeryField(HttpContext context)
    {
        var tokens = context.RequestServices.GetAntiforgery().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    public static IResult Page(HttpContext context, string title, string body, params string[] scripts)
    {
        var tokens = context.RequestServices.GetAntiforgery().GetAndStoreTokens(context);
        var user = context.User.Identity?.IsAuthenticated == true ? context.User : null;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<meta name=\"csrf-token\" content=\"{E(tokens.RequestToken)}\">")
            .Append($"<title>{E(title)} · trajbuild annotate</title><link rel=\"stylesheet\" href=\"/static/site.css\">");
        foreach (var script in scripts)
        {
            page.Append($"<script src=\"/static/{E(script)}\" defer></script>");
        }

        page.Append("</head><body><header><span class=\"brand\">trajbuild annotate</span>");
        if (user is not null)
        {
            var role = user.Role();
            page.Append("<nav>");
            if (role == Store.Roles.Annotator)
            {
                page.Append("<a href=\"/annotate\">My queue</a>");
            }

            if (role is Store.Roles.Reviewer or Store.Roles.Admin)
            {
                page.Append("<a href=\"/review\">Review</a>");
            }

            if (role == Store.Roles.Admin)
            {
                page.Append("<a href=\"/admin\">Admin</a>");
            }

            page.Append($"</nav><form method=\"post\" action=\"/logout\" class=\"logout\">{AntiforgeryField(context)}")
                .Append($"<span class=\"who\">{E(user.Identity!.Name)} ({E(role)})</span><button type=\"submit\">Log out</button></form>");
        }

        page.Append($"</header><main>{body}</main></body></html>");
        return Results.Content(page.ToString(), "text/html; charset=utf-8");
    }

    private static IAntiforgery GetAntiforgery(this IServiceProvider services) => (IAntiforgery)services.GetService(typeof(IAntiforgery))!;
}
