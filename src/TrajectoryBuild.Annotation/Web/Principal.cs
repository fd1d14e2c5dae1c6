using System.Globalization;
using System.Security.Claims;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>The signed-in account, read from the auth cookie's claims.</summary>
internal static class Principal
{
    public static long UserId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no user id claim"), CultureInfo.InvariantCulture);

    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    public static string Name(this ClaimsPrincipal user) => user.Identity?.Name ?? "";
}
