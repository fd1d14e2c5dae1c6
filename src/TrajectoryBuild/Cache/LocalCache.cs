using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Cache;

/// <summary>
/// The local cache: a content-addressed store <c>cas/&lt;2 hex&gt;/&lt;sha256&gt;</c> and an action cache
/// <c>ac/&lt;2 hex&gt;/&lt;key&gt;</c>. Every write is atomic (temp + fsync + rename), every blob read is
/// re-hashed once per process, and an action entry whose blobs are missing is a miss.
/// </summary>
public sealed class LocalCache
{
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);
    private ActionIndex? _index;

    /// <summary>Opens (creating if needed) a cache rooted at <paramref name="root"/>.</summary>
    public LocalCache(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, BlobFolder));
        Directory.CreateDirectory(Path.Combine(Root, ActionFolder));
    }

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    /// <summary>The folders of blobs and of action entries under <see cref="Root"/>, each split into shard folders.</summary>
    internal const string BlobFolder = "cas";

    internal const string ActionFolder = "ac";

    internal string BlobPath(string digest) => Path.Combine(Root, BlobFolder, Shard(digest), digest);

    internal string ActionPath(string key) => Path.Combine(Root, ActionFolder, Shard(key), key);

    /// <summary>True when a blob with this digest is stored.</summary>
    public bool HasBlob(string digest) => Digest.IsWellFormed(digest) && File.Exists(BlobPath(digest));

    /// <summary>Stores a file's bytes; returns their digest and size.</summary>
    public async Task<OutputFile> PutFileAsync(string path, CancellationToken cancellationToken)
    {
        string digest;
        long size;
        await using (var stream = File.OpenRead(path))
        {
            size = stream.Length;
            digest = await Digest.OfStreamAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(BlobPath(digest)))
        {
            _index?.Moved(blob: true, digest);
            await AtomicFile.CopyAsync(path, BlobPath(digest), cancellationToken).ConfigureAwait(false);
        }

        _verified[digest] = true;
        return new OutputFile(digest, size);
    }

    /// <summary>Stores bytes; returns their digest.</summary>
    public string PutBytes(ReadOnlySpan<byte> bytes)
    {
        var digest = Digest.Of(bytes);
        if (!File.Exists(BlobPath(digest)))
        {
            _index?.Moved(blob: true, digest);
            AtomicFile.WriteAllBytes(BlobPath(digest), bytes);
        }

        _verified[digest] = true;
        return digest;
    }

    /// <summary>Opens a blob after checking that its bytes hash to <paramref name="digest"/>.</summary>
    /// <exception cref="CacheCorruptionException">The blob is missing or corrupt (a corrupt one is removed).</exception>
    public Stream OpenBlob(string digest)
    {
        VerifyBlob(digest);
        return File.OpenRead(BlobPath(digest));
    }

    /// <summary>Reads a blob as UTF-8 text, verified.</summary>
    public string ReadBlobText(string digest)
    {
        using var reader = new StreamReader(OpenBlob(digest), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    internal void VerifyBlob(string digest)
    {
        if (_verified.ContainsKey(digest))
        {
            return;
        }

        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            throw new CacheCorruptionException($"cache blob {digest} is missing from {Root}");
        }

        var actual = Digest.OfFile(path);
        if (!string.Equals(actual, digest, StringComparison.Ordinal))
        {
            _index?.Moved(blob: true, digest);
            File.Delete(path);
            throw new CacheCorruptionException($"cache blob {digest} was corrupt (its bytes hash to {actual}); it has been removed, rebuild to restore it");
        }

        _verified[digest] = true;
    }

    /// <summary>Records a successful execution. Blobs must already be stored (they are written first).</summary>
    public void PutAction(ActionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var json = entry.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        _index?.Moved(blob: false, entry.Key);
        AtomicFile.WriteAllBytes(ActionPath(entry.Key), Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The action entry for <paramref name="key"/>, or null when absent, unreadable, or missing any blob.</summary>
    public ActionEntry? TryGetAction(string key)
    {
        if (!Digest.IsWellFormed(key))
        {
            return null;
        }

        var index = _index;
        if (index?.TryGet(key, this) is { } indexed)
        {
            return indexed;
        }

        var entry = ReadAction(key);
        if (entry is null || !IsComplete(entry))
        {
            return null;
        }

        index?.Saw(entry);
        return entry;
    }

    /// <summary>
    /// Tells the action index in use (if any) that the entry for <paramref name="key"/> is relied on without being read,
    /// so that it keeps it (<see cref="ActionIndex.Vouch"/>).
    /// </summary>
    internal void Vouch(string key) => _index?.Vouch(key);

    /// <summary>
    /// Answers <see cref="TryGetAction"/> from <paramref name="index"/> where it can until the returned scope ends,
    /// noting in it what is read from the cache; the scope's end saves the index.
    /// </summary>
    internal IDisposable UseIndex(ActionIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (Interlocked.CompareExchange(ref _index, index, null) is not null)
        {
            throw new InvalidOperationException("the cache already answers from an action index");
        }

        return new IndexScope(this, index);
    }

    // The preimage stored with an entry the index answered, read when a plan explains a change.
    internal System.Text.Json.Nodes.JsonObject ReadPreimage(string key) =>
        ReadAction(key)?.Preimage
        ?? throw new CacheCorruptionException($"cache entry {key} is missing or unreadable in {Root}, though its folder has not changed since it was read; run the build again to restore it");

    private ActionEntry? ReadAction(string key)
    {
        ActionEntry? entry;
        try
        {
            entry = ActionEntry.FromJson(File.ReadAllBytes(ActionPath(key)));
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }

        return entry is not null && string.Equals(entry.Key, key, StringComparison.Ordinal) ? entry : null;
    }

    // Every blob the entry names is stored, each output at its recorded size: one stat a blob.
    private bool IsComplete(ActionEntry entry)
    {
        if (!HasBlob(entry.LogDigest))
        {
            return false;
        }

        foreach (var output in entry.Outputs.Values)
        {
            var blob = Digest.IsWellFormed(output.Digest) ? new FileInfo(BlobPath(output.Digest)) : null;
            if (blob is not { Exists: true } || blob.Length != output.Size)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The outputs recorded by an action entry, readable through this cache.</summary>
    public TargetOutputs OutputsOf(ActionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new TargetOutputs(entry.TargetId, entry.Outputs, this);
    }

    private sealed class IndexScope(LocalCache cache, ActionIndex index) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.CompareExchange(ref cache._index, null, index);
                index.Save();
            }
        }
    }

    private static string Shard(string digest) =>
        Digest.IsWellFormed(digest) ? digest[..2] : throw new ArgumentException($"not a SHA-256 digest: '{digest}'", nameof(digest));
}
