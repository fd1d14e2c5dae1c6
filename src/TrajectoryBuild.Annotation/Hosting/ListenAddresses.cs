using System.Net;

namespace TrajectoryBuild.Annotation.Hosting;

/// <summary>Checks the URLs the server listens on: loopback only, unless remote access is asked for.</summary>
internal static class ListenAddresses
{
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>Every problem with <paramref name="urls"/> (empty when they are fine).</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> urls, bool allowRemote)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var problems = new List<string>();
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"'{url}' is not an http:// or https:// URL (e.g. {Default})");
            }
            else if (!allowRemote && !IsLoopback(uri.Host))
            {
                problems.Add($"'{url}' is not a loopback address; the server binds to 127.0.0.1 unless --allow-remote is given (then put it behind HTTPS)");
            }
        }

        return problems;
    }

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
