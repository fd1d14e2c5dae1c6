using System.CommandLine;
using TrajectoryBuild.Cache;

namespace TrajectoryBuild.Cli.Commands;

/// <summary><c>--cache-url</c> and <c>--cache-read-only</c>: the shared cache that build and plan ask on a local miss.</summary>
/// <param name="uploads">Whether the command gives the cache what it makes (build) or only reads it (plan).</param>
internal sealed class SharedCacheOptions(bool uploads)
{
    public Option<string?> Url { get; } = new("--cache-url")
    {
        Description = "A shared cache (Bazel HTTP cache protocol: bazel-remote, nginx WebDAV) asked on a local miss"
            + (uploads ? " and given what this build makes" : " (only read)")
            + "; credentials from TRAJBUILD_CACHE_TOKEN, or TRAJBUILD_CACHE_USER and _PASSWORD [env: TRAJBUILD_CACHE_URL]",
        HelpName = "url",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRAJBUILD_CACHE_URL") is { Length: > 0 } url ? url : null,
    };

    public Option<bool> ReadOnly { get; } = new("--cache-read-only")
    {
        Description = "Only download from the shared cache, never upload (for untrusted builds) [env: TRAJBUILD_CACHE_READ_ONLY=true]",
        DefaultValueFactory = _ => string.Equals(Environment.GetEnvironmentVariable("TRAJBUILD_CACHE_READ_ONLY"), "true", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Adds <see cref="Url"/>, and <see cref="ReadOnly"/> unless the command never uploads.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Url);
        if (uploads)
        {
            command.Options.Add(ReadOnly);
        }
    }

    /// <summary>
    /// The shared cache, or null; a bad URL is reported and the command goes on without it (a cache never fails a
    /// build). <paramref name="info"/> gets the line that names the cache (stderr for commands whose stdout is JSON).
    /// </summary>
    public RemoteCache? Open(ParseResult parse, bool readOnly, TextWriter info, TextWriter stderr)
    {
        if (parse.GetValue(Url) is not { } url)
        {
            return null;
        }

        try
        {
            var options = RemoteCacheOptions.FromUrl(url, readOnly, Environment.GetEnvironmentVariable);
            info.WriteLine($"Remote cache: {options}");
            var gate = new object();
            return new RemoteCache(options, message =>
            {
                lock (gate)
                {
                    stderr.WriteLine($"warning: {message}");
                }
            });
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"warning: --cache-url: {e.Message}; going on without a remote cache");
            return null;
        }
    }
}
