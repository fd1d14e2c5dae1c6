using Microsoft.AspNetCore.Builder;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (only our own scripts and styles, no inline code, no
/// framing), nosniff, no referrer, and no caching of pages that hold labels.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!context.Request.Path.StartsWithSegments("/static", StringComparison.Ordinal))
        {
            headers.CacheControl = "no-store";
        }

        return next(context);
    });
}
