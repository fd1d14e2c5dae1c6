using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Cache;

/// <summary>
/// A shared cache behind the local one, over Bazel's HTTP cache protocol: blobs at <c>/cas/&lt;sha256&gt;</c>
/// (<c>HEAD</c>, <c>GET</c>, <c>PUT</c>) and action entries at <c>/ac/&lt;key&gt;</c> (<c>GET</c>, <c>PUT</c>), so
/// bazel-remote, nginx with WebDAV PUT or a storage gateway can serve it. A local miss asks it; a target built here is
/// uploaded, blobs before the entry that names them. Every downloaded blob is re-hashed (a mismatch is a miss and a
/// warning) and an entry must hash to its key; a blob rejected so is replaced on the server once this build has the bytes
/// that hash to its name, so a poisoned cache heals. It never fails a build: errors are retried, then warned about, and
/// after <see cref="RemoteCacheOptions.MaxFailures"/> failed requests in a row the cache is left alone for the rest of
/// the build.
/// </summary>
public sealed class RemoteCache : IDisposable
{
    private readonly RemoteCacheOptions _options;
    private readonly HttpClient _http;
    private readonly Action<string> _warn;

    // Blobs the server answered with bytes that do not hash to their name: an upload replaces them instead of skipping.
    private readonly ConcurrentDictionary<string, byte> _poisoned = new(StringComparer.Ordinal);
    private int _failuresInARow;
    private int _disabled;
    private int _refusedInARow;
    private int _uploadsStopped;
    private long _hits;
    private long _misses;
    private long _uploads;
    private long _errors;
    private long _rejected;

    /// <summary>Creates a client; <paramref name="handler"/> is for tests that need a custom transport.</summary>
    /// <param name="options">Where the cache is and how to use it.</param>
    /// <param name="warn">Receives one line per problem (the build's log).</param>
    /// <param name="handler">The HTTP handler, or null for the default one.</param>
    public RemoteCache(RemoteCacheOptions options, Action<string> warn, HttpMessageHandler? handler = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _warn = warn ?? throw new ArgumentNullException(nameof(warn));
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = options.Timeout;
        _http.BaseAddress = options.BaseUrl;
        _http.DefaultRequestHeaders.Authorization = options.Authorization;
    }

    /// <summary>What this client did so far.</summary>
    public RemoteCacheStats Stats => new(
        Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), Interlocked.Read(ref _uploads), Interlocked.Read(ref _errors), Interlocked.Read(ref _rejected), Disabled)
    {
        UploadsStopped = Volatile.Read(ref _uploadsStopped) != 0,
    };

    /// <summary>
    /// Fetches the entry for <paramref name="key"/> and every blob it names into <paramref name="local"/>; true when the
    /// local cache now has a complete entry. A miss, an error or a blob that does not hash to its name gives false.
    /// </summary>
    /// <param name="key">The target key.</param>
    /// <param name="local">The local cache to fill.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>True when restored.</returns>
    public Task<bool> TryRestoreAsync(string key, LocalCache local, CancellationToken cancellationToken) =>
        TryRestoreAsync(key, local, countMiss: true, cancellationToken);

    /// <summary>
    /// <see cref="TryRestoreAsync(string, LocalCache, CancellationToken)"/> for a leg of a sharded build that polls for
    /// an entry another leg is building: an absent entry is not counted as a miss.
    /// </summary>
    /// <param name="key">The target key.</param>
    /// <param name="local">The local cache to fill.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>True when restored.</returns>
    public Task<bool> PollAsync(string key, LocalCache local, CancellationToken cancellationToken) =>
        TryRestoreAsync(key, local, countMiss: false, cancellationToken);

    /// <summary>True once the cache was left alone after failures in a row: it will not be asked again in this build.</summary>
    public bool Disabled => Volatile.Read(ref _disabled) != 0;

    private async Task<bool> TryRestoreAsync(string key, LocalCache local, bool countMiss, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (Disabled || !Digest.IsWellFormed(key))
        {
            return false;
        }

        var entryBytes = await GetBytesAsync($"ac/{key}", cancellationToken).ConfigureAwait(false);
        if (entryBytes is null)
        {
            if (countMiss)
            {
                Interlocked.Increment(ref _misses);
            }

            return false;
        }

        ActionEntry? entry;
        try
        {
            entry = ActionEntry.FromJson(entryBytes);
        }
        catch (JsonException)
        {
            entry = null;
        }

        if (entry is null || entry.Key != key || Preimage.KeyOf(entry.Preimage) != key)
        {
            Reject($"remote cache: the entry for {key[..12]} is not a valid entry for that key; ignored");
            return false;
        }

        foreach (var digest in entry.Outputs.Values.Select(o => o.Digest).Append(entry.LogDigest).Distinct(StringComparer.Ordinal))
        {
            if (!local.HasBlob(digest) && !await DownloadBlobAsync(digest, local, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _misses);
                return false;
            }
        }

        local.PutAction(entry);
        if (local.TryGetAction(key) is null)
        {
            Reject($"remote cache: the entry for {key[..12]} names blobs of other sizes; ignored");
            return false;
        }

        Interlocked.Increment(ref _hits);
        return true;
    }

    /// <summary>
    /// Uploads an entry built here: its blobs first (skipping those the cache has, but replacing those it served with
    /// other bytes in this build), then the entry. Nothing in read-only mode.
    /// </summary>
    /// <param name="entry">The entry, already in <paramref name="local"/>.</param>
    /// <param name="local">The local cache that holds its blobs.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>True when the entry was uploaded.</returns>
    public async Task<bool> UploadAsync(ActionEntry entry, LocalCache local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(local);
        if (_options.ReadOnly || Disabled || Volatile.Read(ref _uploadsStopped) != 0)
        {
            return false;
        }

        foreach (var digest in entry.Outputs.Values.Select(o => o.Digest).Append(entry.LogDigest).Distinct(StringComparer.Ordinal))
        {
            var poisoned = _poisoned.ContainsKey(digest);
            if (!poisoned)
            {
                var present = await SendAsync(HttpMethod.Head, $"cas/{digest}", null, cancellationToken).ConfigureAwait(false);
                if (present is null)
                {
                    return false;
                }

                if (present == HttpStatusCode.OK)
                {
                    continue;
                }
            }

            // A PUT replaces what the server holds: for a poisoned blob, the local bytes (hashed when stored) heal it.
            if (await SendAsync(HttpMethod.Put, $"cas/{digest}", () => new StreamContent(local.OpenBlob(digest)), cancellationToken).ConfigureAwait(false) is not { } put || !IsSuccess(put))
            {
                return false;
            }

            if (poisoned && _poisoned.TryRemove(digest, out _))
            {
                Warn($"remote cache: blob {digest[..12]} replaced with the bytes that hash to it");
            }
        }

        var json = Encoding.UTF8.GetBytes(entry.ToJson().ToJsonString());
        if (await SendAsync(HttpMethod.Put, $"ac/{entry.Key}", () => new ByteArrayContent(json), cancellationToken).ConfigureAwait(false) is not { } done || !IsSuccess(done))
        {
            return false;
        }

        Interlocked.Exchange(ref _refusedInARow, 0);
        Interlocked.Increment(ref _uploads);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<bool> DownloadBlobAsync(string digest, LocalCache local, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(local.Root, "tmp", $"remote-{digest[..16]}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            return await RetryAsync($"GET cas/{digest[..12]}", false, async () =>
            {
                using var response = await _http.GetAsync($"cas/{digest}", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!Found(response, $"GET cas/{digest[..12]}"))
                {
                    return false;
                }

                string actual;
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var file = File.Create(temp);
                    await using (file.ConfigureAwait(false))
                    {
                        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                        var buffer = new byte[81920];
                        int read;
                        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            hash.AppendData(buffer, 0, read);
                            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        }

                        actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                    }
                }

                Succeeded();
                if (actual != digest)
                {
                    _poisoned.TryAdd(digest, 0);
                    Reject($"remote cache: blob {digest[..12]} hashes to {actual[..12]} (corrupt or poisoned); not used");
                    return false;
                }

                await local.PutFileAsync(temp, cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private Task<byte[]?> GetBytesAsync(string path, CancellationToken cancellationToken) =>
        RetryAsync<byte[]?>($"GET {Short(path)}", null, async () =>
        {
            using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
            if (!Found(response, $"GET {Short(path)}"))
            {
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            Succeeded();
            return bytes;
        }, cancellationToken);

    // The status of a request (retried on transient errors), or null when it failed for good.
    private Task<HttpStatusCode?> SendAsync(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        var what = $"{method} {Short(path)}";
        return RetryAsync<HttpStatusCode?>(what, null, async () =>
        {
            using var message = new HttpRequestMessage(method, path) { Content = content?.Invoke() };
            using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500)
            {
                throw new HttpRequestException($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            }

            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
            {
                // Refused (401, 403, 405, 413 ...): retrying will not help; a cache that keeps refusing uploads gets none.
                Interlocked.Increment(ref _errors);
                Warn($"remote cache: {what} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                if (Interlocked.Increment(ref _refusedInARow) >= _options.MaxFailures && Interlocked.Exchange(ref _uploadsStopped, 1) == 0)
                {
                    Warn($"remote cache: {_options.MaxFailures} uploads in a row refused; downloading only for the rest of this build");
                }

                return response.StatusCode;
            }

            Succeeded();
            return response.StatusCode;
        }, cancellationToken);
    }

    // Runs one request attempt after another until one returns, a failure is not transient, or the retries are spent
    // (then warns and returns failed).
    private async Task<T> RetryAsync<T>(string what, T failed, Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var tried = 0; ; tried++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                if (!await FailedAsync(what, e, tried, cancellationToken).ConfigureAwait(false))
                {
                    return failed;
                }
            }
        }
    }

    // False (after counting a success) for a 404; throws for another failure status so that it is retried.
    private bool Found(HttpResponseMessage response, string what)
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            Succeeded();
            return false;
        }

        return response.IsSuccessStatusCode
            ? true
            : throw new HttpRequestException($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
    }

    // Counts a failed attempt; waits before the next one (100 ms, 200 ms, 400 ms ...) and returns false when it is the last.
    private async Task<bool> FailedAsync(string what, Exception e, int attempt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _errors);
        var last = attempt >= _options.Retries;
        if (last)
        {
            Warn($"remote cache: {what} failed after {attempt + 1} attempts: {Describe(e)}; building without it");
            CountFailure();
            return false;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref _disabled) == 0;
    }

    private void Succeeded() => Interlocked.Exchange(ref _failuresInARow, 0);

    // A request that failed for good; after MaxFailures in a row the cache is left alone.
    private void CountFailure()
    {
        if (Interlocked.Increment(ref _failuresInARow) >= _options.MaxFailures && Interlocked.Exchange(ref _disabled, 1) == 0)
        {
            Warn($"remote cache: {_options.MaxFailures} requests in a row failed; not used for the rest of this build");
        }
    }

    private void Reject(string message)
    {
        Interlocked.Increment(ref _rejected);
        Warn(message);
    }

    private void Warn(string message) => _warn(message);

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception e) => e is TaskCanceledException ? "timed out" : e.Message;

    private static string Short(string path) => path.Length > 20 ? path[..20] : path;
}

/// <summary>Where a remote cache is and how to use it.</summary>
/// <param name="BaseUrl">The cache's base URL (ending with <c>/</c>); <c>cas/</c> and <c>ac/</c> are below it.</param>
/// <param name="ReadOnly">Read only: never upload (for untrusted builds such as pull requests).</param>
/// <param name="Authorization">The <c>Authorization</c> header, or null.</param>
public sealed record RemoteCacheOptions(Uri BaseUrl, bool ReadOnly = false, AuthenticationHeaderValue? Authorization = null)
{
    /// <summary>Retries of a failed request, with doubling waits from 100 ms.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests failing for good in a row before the cache is left alone for the rest of the build.</summary>
    public int MaxFailures { get; init; } = 3;

    /// <summary>
    /// Options from a URL and the environment: <c>TRAJBUILD_CACHE_TOKEN</c> (bearer) or <c>TRAJBUILD_CACHE_USER</c> and
    /// <c>TRAJBUILD_CACHE_PASSWORD</c> (basic). The URL itself must not hold credentials.
    /// </summary>
    /// <param name="url">The cache URL (http or https).</param>
    /// <param name="readOnly">Never upload.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">The URL is not an absolute http(s) URL, or holds credentials.</exception>
    public static RemoteCacheOptions FromUrl(string url, bool readOnly, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"cache URL '{url}' is not an absolute http:// or https:// URL");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new FormatException("the cache URL holds credentials; put them in TRAJBUILD_CACHE_TOKEN, or TRAJBUILD_CACHE_USER and TRAJBUILD_CACHE_PASSWORD, so they stay out of logs");
        }

        var baseUrl = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        AuthenticationHeaderValue? authorization = null;
        if (environment("TRAJBUILD_CACHE_TOKEN") is { Length: > 0 } token)
        {
            authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (environment("TRAJBUILD_CACHE_USER") is { Length: > 0 } user)
        {
            var pair = Encoding.UTF8.GetBytes($"{user}:{environment("TRAJBUILD_CACHE_PASSWORD") ?? string.Empty}");
            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }

        return new RemoteCacheOptions(baseUrl, readOnly, authorization);
    }

    /// <summary>The URL and mode, for logs (never the credentials).</summary>
    /// <returns>E.g. <c>http://127.0.0.1:8080/cache/ (read-only, bearer token)</c>.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{BaseUrl} ({(ReadOnly ? "read-only" : "read-write")}{(Authorization is null ? string.Empty : $", {Authorization.Scheme.ToLowerInvariant()} auth")})");
}

/// <summary>What a remote cache client did.</summary>
/// <param name="Hits">Entries restored from it.</param>
/// <param name="Misses">Entries it did not have (or not whole).</param>
/// <param name="Uploads">Entries uploaded to it.</param>
/// <param name="Errors">Failed requests (each attempt).</param>
/// <param name="Rejected">Entries or blobs it served that did not match their key or digest.</param>
/// <param name="Disabled">True when it was left alone after failures in a row.</param>
public sealed record RemoteCacheStats(long Hits, long Misses, long Uploads, long Errors, long Rejected, bool Disabled)
{
    /// <summary>True when uploads stopped after the server refused them in a row (it was still read).</summary>
    public bool UploadsStopped { get; init; }
}
