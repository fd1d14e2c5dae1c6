using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Cache;

/// <summary>
/// What lets a plan after a change skip opening the cache entries it opened last time: the action entries a plan
/// found complete (key, target, log digest, outputs), kept in the state folder with the <see cref="FileStamp"/> of each
/// of the cache's shard folders. An entry or blob added, replaced or removed is a rename or an unlink in its shard
/// folder, which moves that folder's stamp; so while the shard folder of an entry and those of all its blobs are as
/// recorded, the entry and its blobs are as they were read, and the entry is answered from the index. Anything else is
/// read from the cache. The index is only a shortcut: a missing, damaged or foreign index file is ignored.
/// </summary>
/// <remarks>
/// Races are handled as <c>PlanStamp</c> handles them (git's racy rule): the shard folders are stamped after taking the
/// file system's clock and before any entry is read, and a shard folder stamped at or after that clock is never kept.
/// What it does not see is what a full plan's <c>stat</c> of a blob would: a blob cut short or grown in place by hand
/// (the blob's hash check finds it when it is used, as for any blob edited in place).
/// </remarks>
internal sealed class ActionIndex
{
    private const string Magic = "trajbuild action index 1";
    private const int Shards = 256;

    private readonly string _path;
    private readonly string _root;
    private readonly long _clockNs;
    private readonly FileStamp?[] _actionShards;
    private readonly FileStamp?[] _blobShards;
    private readonly byte[] _kept;
    private readonly Dictionary<Hash, int> _ordinals;
    private readonly int[] _starts;
    private readonly bool[] _used;
    private readonly bool[] _actionShardServed;
    private readonly bool[] _blobShardServed;
    private readonly ConcurrentDictionary<string, Record> _read = new(StringComparer.Ordinal);
    private int _served;

    private ActionIndex(string path, string root, long clockNs, FileStamp?[] actionShards, FileStamp?[] blobShards)
    {
        _path = path;
        _root = root;
        _clockNs = clockNs;
        _actionShards = actionShards;
        _blobShards = blobShards;
        _kept = [];
        _ordinals = [];
        _starts = [0];
        _used = [];
        _actionShardServed = new bool[Shards];
        _blobShardServed = new bool[Shards];
    }

    // The entries of an index file: entry i is kept[starts[i]..starts[i + 1]], its key first.
    private ActionIndex(ActionIndex fresh, byte[] kept, Dictionary<Hash, int> ordinals, int[] starts, bool[] actionShardServed, bool[] blobShardServed)
        : this(fresh._path, fresh._root, fresh._clockNs, fresh._actionShards, fresh._blobShards)
    {
        _kept = kept;
        _ordinals = ordinals;
        _starts = starts;
        _used = new bool[ordinals.Count];
        _actionShardServed = actionShardServed;
        _blobShardServed = blobShardServed;
    }

    /// <summary>How many lookups the index answered.</summary>
    public int Served => _served;

    /// <summary>How many entries were read from the cache and noted (<see cref="Saw"/>).</summary>
    public int Read => _read.Count;

    /// <summary>
    /// Takes the file system's clock and stamps the shard folders of <paramref name="cacheRoot"/>, then reads the index
    /// kept in <paramref name="stateDirectory"/>; null where stamps cannot be taken (no <c>statx</c>, a folder it may
    /// not read or write).
    /// </summary>
    public static ActionIndex? Open(string stateDirectory, string cacheRoot)
    {
        if (!FileStamp.Supported)
        {
            return null;
        }

        var root = Path.GetFullPath(cacheRoot);
        var path = Path.Combine(Path.GetFullPath(stateDirectory), "plan", Keys.Digest.OfText(root)[..16] + ".actions");
        if (FileStamp.TakeClock(path, "clock", keepFile: false) is not { ClockNs: var clockNs })
        {
            return null;
        }

        var actionShards = StampShards(root, LocalCache.ActionFolder);
        var blobShards = StampShards(root, LocalCache.BlobFolder);
        var fresh = new ActionIndex(path, root, clockNs, actionShards, blobShards);
        return Load(fresh) ?? fresh;
    }

    /// <summary>The entry for <paramref name="key"/> when the index holds it and none of its shard folders moved; else null.</summary>
    public ActionEntry? TryGet(string key, LocalCache cache)
    {
        if (_ordinals.Count == 0 || !Hash.TryParse(key, out var hash) || !_ordinals.TryGetValue(hash, out var ordinal))
        {
            return null;
        }

        var span = _kept.AsSpan(_starts[ordinal] + 32);
        var log = Hash.Read(span[..32]);
        var position = 32;
        var target = ReadString(span, ref position);
        var count = span[position++];
        var names = new string[count];
        var files = new OutputFile[count];
        var servable = _actionShardServed[hash.First] && _blobShardServed[log.First];
        for (var i = 0; i < count; i++)
        {
            names[i] = ReadString(span, ref position);
            var digest = Hash.Read(span.Slice(position, 32));
            var size = BinaryPrimitives.ReadInt64LittleEndian(span.Slice(position + 32, 8));
            position += 40;
            servable &= _blobShardServed[digest.First];
            files[i] = new OutputFile(digest.ToString(), size);
        }

        if (!servable)
        {
            return null;
        }

        Interlocked.Increment(ref _served);
        _used[ordinal] = true;
        return ActionEntry.Indexed(key, target, OutputMap.Of(names, files), log.ToString(), cache);
    }

    /// <summary>
    /// Notes that this plan relies on the entry for <paramref name="key"/> without reading it (a target reused from the
    /// base plan, whose entry the cache still holds): the index keeps it, as if it had answered it, when it holds it
    /// and none of its shard folders moved. Safe to call from several threads.
    /// </summary>
    public void Vouch(string key)
    {
        if (_ordinals.Count == 0 || !Hash.TryParse(key, out var hash) || !_ordinals.TryGetValue(hash, out var ordinal))
        {
            return;
        }

        var span = _kept.AsSpan(_starts[ordinal] + 32);
        var servable = _actionShardServed[hash.First] && _blobShardServed[span[0]];
        var position = 32;
        position += 2 + BinaryPrimitives.ReadUInt16LittleEndian(span[position..]);
        var count = span[position++];
        for (var i = 0; i < count && servable; i++)
        {
            position += 2 + BinaryPrimitives.ReadUInt16LittleEndian(span[position..]);
            servable = _blobShardServed[span[position]];
            position += 40;
        }

        if (servable)
        {
            _used[ordinal] = true;
        }
    }

    /// <summary>
    /// Notes that this process is about to write or remove a blob (or an entry) in the shard folder of
    /// <paramref name="digest"/>: from now on the index answers nothing whose folders include it, as a later process
    /// would not (the folder's stamp moves).
    /// </summary>
    public void Moved(bool blob, string digest)
    {
        if (Hash.TryParse(digest, out var hash))
        {
            Volatile.Write(ref (blob ? _blobShardServed : _actionShardServed)[hash.First], false);
        }
    }

    /// <summary>Notes an entry read from the cache and found complete, to keep in the index.</summary>
    public void Saw(ActionEntry entry)
    {
        if (entry.Outputs.Count <= byte.MaxValue && entry.Outputs.Keys.All(n => Encoding.UTF8.GetByteCount(n) <= ushort.MaxValue)
            && Encoding.UTF8.GetByteCount(entry.TargetId) <= ushort.MaxValue)
        {
            _read.TryAdd(entry.Key, new Record(entry.TargetId, entry.LogDigest, entry.Outputs));
        }
    }

    /// <summary>
    /// Keeps the entries this plan used (answered by the index or read from the cache) with the shard stamps taken
    /// when it opened, leaving out shard folders that changed in the clock tick of the stamps and the entries in them;
    /// writes nothing when the index already says exactly that.
    /// </summary>
    public void Save()
    {
        var keepAction = new bool[Shards];
        var keepBlob = new bool[Shards];
        for (var i = 0; i < Shards; i++)
        {
            keepAction[i] = _actionShards[i] is { } a && a.LatestNs < _clockNs;
            keepBlob[i] = _blobShards[i] is { } b && b.LatestNs < _clockNs;
        }

        // Unchanged: every entry used was answered by the index, the index holds no other, and its shard folders are kept.
        if (_read.IsEmpty && !_used.AsSpan().Contains(false) && keepAction.AsSpan().SequenceEqual(_actionShardServed) && keepBlob.AsSpan().SequenceEqual(_blobShardServed))
        {
            return;
        }

        // An entry the index answered had its shard folders as recorded, which were not racy then: they are kept now.
        var entries = new List<(Hash Key, int Ordinal, Record? Record)>(_used.Length + _read.Count);
        for (var i = 0; i < _used.Length; i++)
        {
            if (_used[i])
            {
                entries.Add((Hash.Read(_kept.AsSpan(_starts[i], 32)), i, null));
            }
        }

        foreach (var (key, record) in _read)
        {
            var hash = Hash.Parse(key);
            if (keepAction[hash.First] && keepBlob[Hash.Parse(record.Log).First] && record.Outputs.Values.All(o => keepBlob[Hash.Parse(o.Digest).First]))
            {
                entries.Add((hash, -1, record));
            }
        }

        if (entries.Count == 0)
        {
            // Nothing to answer from: no file (a plan of an empty cache leaves none).
            File.Delete(_path);
            return;
        }

        entries.Sort((x, y) => x.Key.CompareTo(y.Key));
        var content = new MemoryStream();
        using (var writer = new BinaryWriter(content, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(_root);
            WriteShards(writer, _actionShards, keepAction);
            WriteShards(writer, _blobShards, keepBlob);
            writer.Write(entries.Count);
            Span<byte> digest = stackalloc byte[32];
            Hash? last = null;
            foreach (var (key, ordinal, record) in entries)
            {
                // A key read from the cache after the index could not answer it may be in the index too.
                if (key == last)
                {
                    continue;
                }

                last = key;
                if (record is null)
                {
                    writer.Write(_kept.AsSpan(_starts[ordinal], _starts[ordinal + 1] - _starts[ordinal]));
                    continue;
                }

                key.Write(digest);
                writer.Write(digest);
                Hash.Parse(record.Log).Write(digest);
                writer.Write(digest);
                WriteString(writer, record.Target);
                writer.Write((byte)record.Outputs.Count);
                foreach (var (name, file) in record.Outputs)
                {
                    WriteString(writer, name);
                    Hash.Parse(file.Digest).Write(digest);
                    writer.Write(digest);
                    writer.Write(file.Size);
                }
            }
        }

        var temp = $"{_path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var written = content.GetBuffer().AsSpan(0, (int)content.Length);
                stream.Write(written);
                stream.Write(SHA256.HashData(written));
            }

            File.Move(temp, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a shortcut: without it the next plan opens the entries.
        }
        finally
        {
            File.Delete(temp);
        }
    }

    // The index on disk, when it is this cache's and whole: the entries' offsets, and which shard folders are as recorded.
    private static ActionIndex? Load(ActionIndex fresh)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fresh._path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (bytes.Length < 32 || !SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(bytes, 0, bytes.Length - 32, writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != fresh._root)
            {
                return null;
            }

            var actionServed = ReadShards(reader, fresh._actionShards);
            var blobServed = ReadShards(reader, fresh._blobShards);
            var count = reader.ReadInt32();
            if (count < 0)
            {
                return null;
            }

            var ordinals = new Dictionary<Hash, int>(count);
            var starts = new int[count + 1];
            var position = (int)stream.Position;
            var span = bytes.AsSpan(0, bytes.Length - 32);
            for (var i = 0; i < count; i++)
            {
                starts[i] = position;
                if (!ordinals.TryAdd(Hash.Read(span.Slice(position, 32)), i))
                {
                    return null;
                }

                position += 64;
                position += 2 + BinaryPrimitives.ReadUInt16LittleEndian(span[position..]);
                var outputs = span[position++];
                for (var o = 0; o < outputs; o++)
                {
                    position += 2 + BinaryPrimitives.ReadUInt16LittleEndian(span[position..]) + 40;
                }
            }

            starts[count] = position;
            return position == span.Length ? new ActionIndex(fresh, bytes, ordinals, starts, actionServed, blobServed) : null;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static FileStamp?[] StampShards(string root, string folder)
    {
        var stamps = new FileStamp?[Shards];
        for (var i = 0; i < Shards; i++)
        {
            stamps[i] = FileStamp.Of(Path.Combine(root, folder, i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return stamps;
    }

    private static void WriteShards(BinaryWriter writer, FileStamp?[] stamps, bool[] keep)
    {
        for (var i = 0; i < Shards; i++)
        {
            writer.Write(keep[i]);
            if (keep[i])
            {
                stamps[i]!.Value.WriteTo(writer);
            }
        }
    }

    // Which shard folders are now as the index recorded them.
    private static bool[] ReadShards(BinaryReader reader, FileStamp?[] now)
    {
        var same = new bool[Shards];
        for (var i = 0; i < Shards; i++)
        {
            if (reader.ReadBoolean())
            {
                same[i] = now[i] == FileStamp.ReadFrom(reader);
            }
        }

        return same;
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ushort)bytes.Length);
        writer.Write(bytes);
    }

    private static string ReadString(ReadOnlySpan<byte> span, ref int position)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(span[position..]);
        var value = Encoding.UTF8.GetString(span.Slice(position + 2, length));
        position += 2 + length;
        return value;
    }

    private sealed record Record(string Target, string Log, IReadOnlyDictionary<string, OutputFile> Outputs);

    /// <summary>A SHA-256 digest as two 128-bit halves: a dictionary key without a 64-character string.</summary>
    private readonly record struct Hash(UInt128 High, UInt128 Low) : IComparable<Hash>
    {
        public byte First => (byte)(High >> 120);

        public static bool TryParse(string hex, out Hash hash)
        {
            Span<byte> bytes = stackalloc byte[32];
            if (!Keys.Digest.IsWellFormed(hex) || Convert.FromHexString(hex, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
            {
                hash = default;
                return false;
            }

            hash = Read(bytes);
            return true;
        }

        public static Hash Parse(string hex) => TryParse(hex, out var hash) ? hash : throw new FormatException($"not a SHA-256 digest: '{hex}'");

        public static Hash Read(ReadOnlySpan<byte> bytes) =>
            new(BinaryPrimitives.ReadUInt128BigEndian(bytes), BinaryPrimitives.ReadUInt128BigEndian(bytes[16..]));

        public void Write(Span<byte> bytes)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, High);
            BinaryPrimitives.WriteUInt128BigEndian(bytes[16..], Low);
        }

        public int CompareTo(Hash other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

        public override string ToString()
        {
            Span<byte> bytes = stackalloc byte[32];
            Write(bytes);
            return Convert.ToHexStringLower(bytes);
        }
    }
}
