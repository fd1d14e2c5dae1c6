using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>
/// The app's endpoints as its routing has them (the real <see cref="EndpointDataSource"/>, not a list kept by hand), each
/// with a path to request, and who may use each by where it lives. A new endpoint is in every test that walks them, and
/// one that lives where this rule places nothing fails those tests until the rule says who may use it.
/// </summary>
internal static partial class AppEndpoints
{
    public static IReadOnlyList<AppEndpoint> Of(WebApplication app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new AppEndpoint(m, e.RoutePattern.RawText!)))
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];

    /// <summary>Null for the endpoints open to anyone (the login page, the icon, the static files); else the roles that may use it.</summary>
    public static IReadOnlyList<string>? RolesFor(string pattern) => pattern switch
    {
        "/login" or "/favicon.ico" => null,
        _ when Under(pattern, "/static") => null,
        "/" or "/logout" => Roles.All,
        _ when Under(pattern, "/admin") || Under(pattern, "/api/admin") => [Roles.Admin],
        _ when Under(pattern, "/review") || Under(pattern, "/api/review") => [Roles.Reviewer, Roles.Admin],
        _ when Under(pattern, "/annotate") || Under(pattern, "/api") => [Roles.Annotator],
        _ => throw new ShouldAssertException($"{pattern} is a new kind of endpoint: say in AppEndpoints.RolesFor who may use it"),
    };

    private static bool Under(string pattern, string prefix) => pattern == prefix || pattern.StartsWith(prefix + "/", StringComparison.Ordinal);

    /// <summary>A path of the pattern: numbers for numeric parameters, a real file for the static files.</summary>
    public static string PathOf(string pattern, long id = 1) =>
        Parameter().Replace(pattern, m => m.Groups["constraint"].Value is "long" or "int" ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "site.css");

    [GeneratedRegex(@"\{(?<name>\w+)(:(?<constraint>\w+))?\}")]
    private static partial Regex Parameter();
}

/// <summary>One method of one route.</summary>
internal sealed record AppEndpoint(string Method, string Pattern)
{
    public string Path => AppEndpoints.PathOf(Pattern);

    public bool ChangesState => Method is not ("GET" or "HEAD");

    public override string ToString() => $"{Method} {Pattern}";
}
