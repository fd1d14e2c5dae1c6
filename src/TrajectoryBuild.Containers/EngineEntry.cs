using System.Globalization;

namespace TrajectoryBuild.Containers;

/// <summary>One engine of a pool: where it is, and how many targets may run container work on it at once.</summary>
internal sealed record EngineEntry(Uri Endpoint, int Limit)
{
    public const string Variable = "TRAJBUILD_ENGINES";
    public const int DefaultLimit = 2;

    private const string Example = "\"unix:///var/run/docker.sock=2 tcp://10.0.0.7:2376=4\"";

    /// <summary>
    /// Reads a <c>TRAJBUILD_ENGINES</c> list: entries <c>ENDPOINT[=N]</c> separated by spaces or commas, N the engine's
    /// limit (default <see cref="DefaultLimit"/>). Every bad entry is reported at once, each named with what is wrong.
    /// </summary>
    /// <exception cref="EngineConfigurationException">An entry is bad, or the list names no engine.</exception>
    public static IReadOnlyList<EngineEntry> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<EngineEntry>();
        var problems = new List<string>();
        foreach (var item in text.Split([' ', ',', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var (entry, problem) = Parse(item);
            if (problem is not null)
            {
                problems.Add($"'{item}': {problem}");
            }
            else if (entries.Any(e => Same(e.Endpoint, entry!.Endpoint)))
            {
                problems.Add($"'{item}': {Describe(entry!.Endpoint)} is listed twice (give each engine once, with its limit)");
            }
            else
            {
                entries.Add(entry!);
            }
        }

        if (entries.Count == 0 && problems.Count == 0)
        {
            problems.Add("it lists no engine");
        }

        return problems.Count == 0
            ? entries
            : throw new EngineConfigurationException(
                $"{Variable}: {string.Join("; ", problems)}. Each entry is ENDPOINT[=N], N how many targets may use that engine at once (default {DefaultLimit}), entries separated by spaces or commas: {Variable}={Example}");
    }

    /// <summary>An endpoint as the user writes it: <c>tcp://host:port</c>, <c>unix:///path</c> (no trailing slash).</summary>
    public static string Describe(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Scheme == "tcp" ? endpoint.GetLeftPart(UriPartial.Authority) : endpoint.ToString();
    }

    private static (EngineEntry? Entry, string? Problem) Parse(string item)
    {
        var equals = item.LastIndexOf('=');
        var address = equals < 0 ? item : item[..equals];
        var limit = DefaultLimit;
        if (equals >= 0 && !(int.TryParse(item[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1))
        {
            return (null, $"the limit '{item[(equals + 1)..]}' is not a whole number of at least 1");
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var endpoint) || !address.Contains("://", StringComparison.Ordinal))
        {
            return (null, "not a URL: write unix:///path/to/docker.sock or tcp://host:port");
        }

        return endpoint.Scheme switch
        {
            "tcp" when endpoint.Port <= 0 => (null, "a tcp:// endpoint needs a port, as in tcp://10.0.0.7:2376 (2375 plain, 2376 TLS by convention)"),
            "tcp" when endpoint.AbsolutePath.Trim('/').Length > 0 => (null, "a tcp:// endpoint is host:port only, with no path"),
            "unix" when endpoint.AbsolutePath.Trim('/').Length == 0 => (null, "a unix:// endpoint needs the socket's path, as in unix:///var/run/docker.sock"),
            "tcp" or "unix" => (new EngineEntry(endpoint, limit), null),
            _ => (null, $"the scheme '{endpoint.Scheme}' is not unix or tcp"),
        };
    }

    private static bool Same(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port
        && string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);
}
