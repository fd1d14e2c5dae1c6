using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// The rows of one config while they are written, as JSON Lines: each split's rows are appended in the order they come
/// (each followed by a newline) to files of at most <c>rowsPerFile</c> rows under the output folder, and read back by
/// place. Memory stays flat in the number of rows: only the index of (split, record id, place) is kept, and open files
/// stay few: one being appended to per split, then one per reader. When a split's rows came in the written order, each
/// of its files is already one of its JSON Lines shards, hashed as it was appended: <see cref="Keep"/> renames it into
/// place instead of copying it. Every file not kept is deleted when the spill is disposed (on success, failure or
/// cancellation); a kill leaves them in the target's temporary folder, which is never taken for outputs.
/// </summary>
internal sealed class RowSpill : IDisposable
{
    private static readonly ReadOnlyMemory<byte> s_newLine = "\n"u8.ToArray();

    private readonly string _root;
    private readonly int _rowsPerFile;
    private readonly bool _hash;
    private readonly List<SpillFile> _files = [];
    private readonly Dictionary<string, SpillFile> _appending = new(StringComparer.Ordinal);

    private RowSpill(string root, int rowsPerFile, bool hash) => (_root, _rowsPerFile, _hash) = (root, rowsPerFile, hash);

    /// <summary>
    /// Opens an empty spill under <paramref name="root"/> (created if missing) whose files hold at most
    /// <paramref name="rowsPerFile"/> rows of one split; with <paramref name="hash"/>, each file is hashed as it is
    /// appended, so that it can be kept as a shard.
    /// </summary>
    public static RowSpill Open(string root, int rowsPerFile, bool hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerFile, 1);
        Directory.CreateDirectory(root);
        return new RowSpill(root, rowsPerFile, hash);
    }

    /// <summary>Appends one row of <paramref name="split"/> (its bytes, then a newline); returns where its bytes are.</summary>
    public RowPlace Append(string split, ReadOnlyMemory<byte> row)
    {
        if (!_appending.TryGetValue(split, out var file) || file.Rows == _rowsPerFile)
        {
            file?.Seal();
            file = new SpillFile(_files.Count, Path.Combine(_root, $".rows-{Guid.NewGuid():N}.spill"), _hash);
            _files.Add(file);
            _appending[split] = file;
        }

        return new RowPlace(file.Index, file.Append(row));
    }

    /// <summary>Ends the appending: every file is closed, its digest taken. Rows are read back after this.</summary>
    public void Seal()
    {
        foreach (var file in _appending.Values)
        {
            file.Seal();
        }

        _appending.Clear();
    }

    /// <summary>A reader of the sealed spill for one thread: it holds one file open at a time, the last one read.</summary>
    public Reader OpenReader() => new(this);

    /// <summary>
    /// Renames the sealed file that holds <paramref name="place"/> to <paramref name="relativePath"/> under the root: a
    /// shard of the <paramref name="rows"/> rows appended to it, in the order they came. Readers may still read its rows.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file holds another number of rows: it is not that shard.</exception>
    public WrittenFile Keep(RowPlace place, int rows, string relativePath)
    {
        var file = _files[place.File];
        if (file.Rows != rows)
        {
            throw new InvalidOperationException($"The spill file of a shard of {rows} rows holds {file.Rows}: it cannot be kept as that shard.");
        }

        var path = Path.Combine(_root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new WrittenFile(relativePath, file.KeepAs(path), file.Length, file.Rows);
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }

    /// <summary>Where a row's bytes are: which spill file, and the offset in it.</summary>
    public readonly record struct RowPlace(int File, long Offset);

    /// <summary>Reads rows back by place, keeping the file of the last one open.</summary>
    public sealed class Reader(RowSpill spill) : IDisposable
    {
        private SafeFileHandle? _handle;
        private int _file = -1;

        /// <summary>Reads <paramref name="destination"/>'s length of bytes from <paramref name="place"/>.</summary>
        public void Read(RowPlace place, Span<byte> destination)
        {
            if (place.File != _file)
            {
                _handle?.Dispose();
                (_handle, _file) = (null, -1);
                _handle = spill._files[place.File].OpenRead();
                _file = place.File;
            }

            var offset = place.Offset;
            while (!destination.IsEmpty)
            {
                var read = RandomAccess.Read(_handle!, destination, offset);
                if (read == 0)
                {
                    throw new EndOfStreamException("A row spill file is shorter than its index: it was changed while the shards were written.");
                }

                destination = destination[read..];
                offset += read;
            }
        }

        public void Dispose() => _handle?.Dispose();
    }

    // One file of the spill: its rows of one split, appended by position, hashed as they go when it may become a shard.
    private sealed class SpillFile(int index, string path, bool hash) : IDisposable
    {
        private readonly Lock _lock = new();
        private SafeFileHandle? _appending = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        private IncrementalHash? _hash = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        private string? _digest;
        private string _path = path;
        private bool _kept;

        public int Index => index;

        public int Rows { get; private set; }

        public long Length { get; private set; }

        public long Append(ReadOnlyMemory<byte> row)
        {
            var offset = Length;
            RandomAccess.Write(_appending ?? throw new InvalidOperationException("A sealed spill file was appended to."), [row, s_newLine], offset);
            _hash?.AppendData(row.Span);
            _hash?.AppendData(s_newLine.Span);
            Length += row.Length + 1;
            Rows++;
            return offset;
        }

        // Closes the file for appending and takes its digest.
        public void Seal()
        {
            _appending?.Dispose();
            _appending = null;
            if (_hash is not null)
            {
                _digest = Convert.ToHexStringLower(_hash.GetHashAndReset());
                _hash.Dispose();
                _hash = null;
            }
        }

        // A handle for reading, opened where the file is now (a handle stays good when the file is renamed after).
        public SafeFileHandle OpenRead()
        {
            lock (_lock)
            {
                return File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            }
        }

        // Moves the sealed file to its shard's path; returns its digest. It is no longer deleted on dispose.
        public string KeepAs(string destination)
        {
            lock (_lock)
            {
                var digest = _digest ?? throw new InvalidOperationException("Only a sealed spill file appended with a hash can be kept as a shard.");
                File.Move(_path, destination, overwrite: true);
                (_path, _kept) = (destination, true);
                return digest;
            }
        }

        public void Dispose()
        {
            Seal();
            lock (_lock)
            {
                if (!_kept)
                {
                    File.Delete(_path);
                }
            }
        }
    }
}
