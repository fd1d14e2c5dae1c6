using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// The rows of one config while they are written, as JSON Lines: each split's rows are appended in the order they come
/// (each followed by a newline) to files of at most <c>rowsPerFile</c> rows under the output folder, and read back by
/// place. Memory stays flat in the number of rows: only the index of (split, record id, place) is kept. When a split's
/// rows came in the written order, each of its files is already one of its JSON Lines shards, hashed as it was
/// appended: <see cref="Keep"/> renames it into place instead of copying it. Every file not kept is deleted when the
/// spill is disposed (on success, failure or cancellation); a kill leaves them in the target's temporary folder, which
/// is never taken for outputs.
/// </summary>
internal sealed class RowSpill : IDisposable
{
    private static readonly ReadOnlyMemory<byte> s_newLine = "\n"u8.ToArray();

    private readonly string _root;
    private readonly int _rowsPerFile;
    private readonly bool _hash;
    private readonly List<SpillFile> _files = [];
    private readonly Dictionary<string, SpillFile> _current = new(StringComparer.Ordinal);

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
        if (!_current.TryGetValue(split, out var file) || file.Rows == _rowsPerFile)
        {
            file = new SpillFile(_files.Count, Path.Combine(_root, $".rows-{Guid.NewGuid():N}.spill"), _hash);
            _files.Add(file);
            _current[split] = file;
        }

        return new RowPlace(file.Index, file.Append(row));
    }

    /// <summary>Reads <paramref name="destination"/>'s length of bytes from <paramref name="place"/>.</summary>
    public void Read(RowPlace place, Span<byte> destination) => _files[place.File].Read(place.Offset, destination);

    /// <summary>
    /// Renames the file that holds <paramref name="place"/> to <paramref name="relativePath"/> under the root: a shard of
    /// the rows appended to it, in the order they came. Nothing may be appended afterwards.
    /// </summary>
    public WrittenFile Keep(RowPlace place, string relativePath)
    {
        var file = _files[place.File];
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

    // One file of the spill: its rows of one split, appended by position, hashed as they go when it may become a shard.
    private sealed class SpillFile(int index, string path, bool hash) : IDisposable
    {
        private readonly SafeFileHandle _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        private readonly IncrementalHash? _hash = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        private string? _path = path;

        public int Index => index;

        public int Rows { get; private set; }

        public long Length { get; private set; }

        public long Append(ReadOnlyMemory<byte> row)
        {
            var offset = Length;
            RandomAccess.Write(_handle, [row, s_newLine], offset);
            _hash?.AppendData(row.Span);
            _hash?.AppendData(s_newLine.Span);
            Length += row.Length + 1;
            Rows++;
            return offset;
        }

        public void Read(long offset, Span<byte> destination)
        {
            while (!destination.IsEmpty)
            {
                var read = RandomAccess.Read(_handle, destination, offset);
                if (read == 0)
                {
                    throw new EndOfStreamException("A row spill file is shorter than its index: it was changed while the shards were written.");
                }

                destination = destination[read..];
                offset += read;
            }
        }

        // Moves the file to its shard's path (it stays open, so rows still being read from it are read as before);
        // returns its digest. It is no longer deleted on dispose.
        public string KeepAs(string destination)
        {
            var digest = Convert.ToHexStringLower((_hash ?? throw new InvalidOperationException("A spill file opened without a hash cannot be kept as a shard.")).GetHashAndReset());
            File.Move(_path!, destination, overwrite: true);
            _path = null;
            return digest;
        }

        public void Dispose()
        {
            _handle.Dispose();
            _hash?.Dispose();
            if (_path is not null)
            {
                File.Delete(_path);
                _path = null;
            }
        }
    }
}
