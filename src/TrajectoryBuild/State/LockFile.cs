using System.Text;
using System.Text.Json;
using TrajectoryBuild.Cache;

namespace TrajectoryBuild.State;

/// <summary>
/// <c>datasets.lock</c>: per target, the key and output digests of the last build. Committed and reviewed,
/// so it is written deterministically (targets and outputs sorted ordinally, two-space indent, LF, final newline):
/// the same build gives the same bytes, and a PR diff shows exactly which targets changed.
/// </summary>
public sealed class LockFile
{
    /// <summary>The lock format version.</summary>
    public const int FormatVersion = 1;

    private readonly SortedDictionary<string, LockEntry> _entries;

    private LockFile(SortedDictionary<string, LockEntry> entries) => _entries = entries;

    /// <summary>Entries by target id, sorted.</summary>
    public IReadOnlyDictionary<string, LockEntry> Entries => _entries;

    /// <summary>An empty lock.</summary>
    public static LockFile Empty() => new(new SortedDictionary<string, LockEntry>(StringComparer.Ordinal));

    /// <summary>Reads a lock; a missing file is an empty lock.</summary>
    /// <exception cref="InvalidDataException">The file is not a lock this version understands (says where and how to fix).</exception>
    public static LockFile Read(string path)
    {
        if (!File.Exists(path))
        {
            return Empty();
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(path, bytes);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: error: the lock file is not valid JSON ({e.Message})\n  hint: it is generated; resolve merge conflicts by deleting it and running a build, which rewrites it", e);
        }
    }

    // One forward pass with Utf8JsonReader: a lock of 400,000 targets is about 100 MB, and a document tree of it would
    // cost seconds and gigabytes on every plan. Its loop runs once per process: compiled optimized at once, not first
    // as tier-0 code and then replaced mid-loop.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static LockFile Parse(string path, byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var entries = Empty()._entries;
        int? version = null;
        var sawTargets = false;
        if (Next(ref reader) == JsonTokenType.StartObject)
        {
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("lockVersion"u8);
                var isTargets = reader.ValueTextEquals("targets"u8);
                var type = Next(ref reader);
                if (isVersion && type == JsonTokenType.Number)
                {
                    version = reader.TryGetInt32(out var number) ? number : null;
                }
                else if (isTargets && type == JsonTokenType.StartObject)
                {
                    sawTargets = true;
                    while (Next(ref reader) == JsonTokenType.PropertyName)
                    {
                        var id = reader.GetString()!;
                        Next(ref reader);
                        entries[id] = ReadEntry(ref reader, path, id);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        if (version != FormatVersion || !sawTargets)
        {
            throw new InvalidDataException($"{path}: error: not a version {FormatVersion} lock file\n  hint: delete it and run a build to regenerate it");
        }

        return new LockFile(entries);
    }

    // The reader is on the entry's value; leaves it on the value's last token.
    private static LockEntry ReadEntry(ref Utf8JsonReader reader, string path, string id)
    {
        string? key = null;
        Dictionary<string, string>? outputs = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
        }
        else
        {
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var isKey = reader.ValueTextEquals("key"u8);
                var isOutputs = reader.ValueTextEquals("outputs"u8);
                var type = Next(ref reader);
                if (isKey && type == JsonTokenType.String)
                {
                    key = reader.GetString();
                }
                else if (isOutputs && type == JsonTokenType.StartObject)
                {
                    outputs = new Dictionary<string, string>(StringComparer.Ordinal);
                    while (Next(ref reader) == JsonTokenType.PropertyName)
                    {
                        var name = reader.GetString()!;
                        outputs[name] = Next(ref reader) == JsonTokenType.String
                            ? reader.GetString()!
                            : throw new InvalidDataException($"{path}: error: output '{name}' of entry '{id}' is not a digest string\n  hint: delete the file and run a build to regenerate it");
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return key is not null && outputs is not null
            ? new LockEntry(key, outputs)
            : throw new InvalidDataException($"{path}: error: entry '{id}' lacks 'key' or 'outputs'\n  hint: delete the file and run a build to regenerate it");
    }

    // The buffer is the whole file, so Read throws JsonException (with line and column) on anything truncated or
    // malformed, and returns false only after the root value: the loops above never read past it.
    private static JsonTokenType Next(ref Utf8JsonReader reader) => reader.Read() ? reader.TokenType : JsonTokenType.None;


    /// <summary>The entry for <paramref name="targetId"/>, or null.</summary>
    public LockEntry? Get(string targetId) => _entries.GetValueOrDefault(targetId);

    /// <summary>Sets the entry for a target.</summary>
    public void Set(string targetId, string key, IReadOnlyDictionary<string, OutputFile> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        _entries[targetId] = new LockEntry(key, outputs.ToDictionary(o => o.Key, o => o.Value.Digest, StringComparer.Ordinal));
    }

    /// <summary>Removes the entry for a target that no longer exists.</summary>
    public bool Remove(string targetId) => _entries.Remove(targetId);

    /// <summary>The canonical bytes of this lock.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("lockVersion", FormatVersion);
            writer.WriteStartObject("targets");
            foreach (var (id, entry) in _entries)
            {
                writer.WriteStartObject(id);
                writer.WriteString("key", entry.Key);
                writer.WriteStartObject("outputs");
                foreach (var (name, digest) in entry.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(name, digest);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>
    /// Applies <paramref name="update"/> to the lock on disk under an exclusive file lock (<paramref name="guardPath"/>,
    /// kept in the state folder), so two builds sharing a workspace merge their results instead of overwriting each
    /// other; then writes it atomically, only when its bytes change. An empty lock is not created from nothing.
    /// </summary>
    public static async Task<LockFile> UpdateAsync(string path, string guardPath, Action<LockFile> update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        await using var guard = await CrossProcessLock.AcquireAsync(guardPath, cancellationToken).ConfigureAwait(false);
        var current = Read(path);
        update(current);
        var bytes = current.ToBytes();
        var exists = File.Exists(path);
        if ((exists && !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) || (!exists && current._entries.Count > 0))
        {
            AtomicFile.WriteAllBytes(path, bytes);
        }

        return current;
    }

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(ToBytes());
}
