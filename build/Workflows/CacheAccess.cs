using Build.Parameters;
using Build.Workflows.Yaml;

namespace Build.Workflows;

/// <summary>
/// How the jobs reach the shared cache: its URL from a repository variable, credentials from secrets, passed to the
/// host only through the environment (trajbuild reads TRAJBUILD_CACHE_TOKEN, or _USER and _PASSWORD, and never prints
/// them). Two sets of secrets: the write set for trusted builds (push to main, dispatch), the read set for pull
/// requests, plans and releases.
/// </summary>
internal static class CacheAccess
{
    /// <summary>The repository variable with the cache URL; named like the host's environment variable it feeds.</summary>
    public static string UrlVariable => HostCommand.EnvironmentVariable(ParameterDefinitions.CacheUrl);

    // The environment variables trajbuild reads (RemoteCacheOptions.FromUrl), and the secret suffixes that fill them.
    private static readonly (string Variable, string Suffix)[] s_credentials =
        [("TRAJBUILD_CACHE_TOKEN", "TOKEN"), ("TRAJBUILD_CACHE_USER", "USER"), ("TRAJBUILD_CACHE_PASSWORD", "PASSWORD")];

    /// <summary>The secrets with write access (uploads): TRAJBUILD_CACHE_TOKEN, or TRAJBUILD_CACHE_USER and _PASSWORD.</summary>
    public static IReadOnlyList<string> WriteSecrets => [.. s_credentials.Select(c => $"TRAJBUILD_CACHE_{c.Suffix}")];

    /// <summary>The read-only secrets: TRAJBUILD_CACHE_READ_TOKEN, or TRAJBUILD_CACHE_READ_USER and _PASSWORD.</summary>
    public static IReadOnlyList<string> ReadSecrets => [.. s_credentials.Select(c => $"TRAJBUILD_CACHE_READ_{c.Suffix}")];

    /// <summary>The URL from the repository variable, and the credentials from the write or the read secrets.</summary>
    public static (string Key, YamlNode? Value)[] Environment(bool write) =>
        [(UrlVariable, Expressions.Variable(UrlVariable)), .. Credentials(write)];

    /// <summary>The credentials alone (the URL comes from elsewhere, e.g. the plan's output when forced).</summary>
    public static (string Key, YamlNode? Value)[] Credentials(bool write) =>
        [.. s_credentials.Select((c, i) => (c.Variable, (YamlNode?)Expressions.Secret((write ? WriteSecrets : ReadSecrets)[i])))];
}
