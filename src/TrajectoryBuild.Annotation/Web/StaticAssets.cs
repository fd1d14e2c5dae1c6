using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>The scripts and styles, embedded in the assembly (Web/Static) and served from memory under <c>/static/</c>.</summary>
internal static class StaticAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType, string ETag)> s_files = Load();

    public static IReadOnlyCollection<string> Names => s_files.Keys;

    public static void Map(IEndpointRouteBuilder routes)
    {
        // Browsers ask for it on every site; no icon, and no 404 in the console.
        routes.MapGet("/favicon.ico", () => Results.NoContent()).AllowAnonymous();

        // Anonymous: the login page needs its stylesheet, and these files hold no data, only code.
        routes.MapGet("/static/{name}", (string name, HttpContext context) =>
        {
            if (!s_files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(file.Bytes, file.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(file.ETag));
        }).AllowAnonymous();
    }

    private static FrozenDictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("static/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var name = resource["static/".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            files[name] = (bytes, type, $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
