using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace TrajectoryBuild.State;

/// <summary>What a path looked like: missing, a file or a folder.</summary>
internal enum FileKind : byte
{
    Missing,
    File,
    Directory,
    Other,
}

/// <summary>
/// The <c>stat</c> of one path as git's index keeps it (<c>statx</c>, following links): kind, device, inode, size, and
/// the modification and change times in nanoseconds. A write changes the modification time, a rename in or out of a
/// folder changes the folder's, and the change time moves on every write, <c>chmod</c> or <c>touch -d</c>, and cannot
/// be set back; so an edit that restores the size and back-dates the modification time is still seen.
/// </summary>
internal readonly record struct FileStamp(FileKind Kind, ulong Device, ulong Inode, long Size, long ModifiedNs, long ChangedNs)
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    [ThreadStatic]
    private static byte[]? s_buffer;

    private static readonly Lazy<bool> s_supported = new(() =>
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Statx(AtFdCwd, "/", 0, StatxBasicStats, new byte[256]) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    });

    public static readonly FileStamp Missing = new(FileKind.Missing, 0, 0, 0, 0, 0);

    /// <summary>Whether this system gives the stamps (Linux with <c>statx</c>); elsewhere nothing is stamped.</summary>
    public static bool Supported => s_supported.Value;

    /// <summary>The stamp of <paramref name="path"/> now; <see cref="Missing"/> when nothing is there; null when it cannot be read (permissions).</summary>
    public static FileStamp? Of(string path)
    {
        var buffer = s_buffer ??= new byte[256];
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return Missing;
        }

        if (Statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is ENOENT or ENOTDIR ? Missing : null;
        }

        var span = buffer.AsSpan();
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]) & 0xF000;
        var kind = mode switch
        {
            0x8000 => FileKind.File,
            0x4000 => FileKind.Directory,
            _ => FileKind.Other,
        };
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(span[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(span[140..]);
        return new FileStamp(
            kind,
            device,
            BinaryPrimitives.ReadUInt64LittleEndian(span[32..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(span[40..]),
            Nanoseconds(span[112..]),
            Nanoseconds(span[96..]));
    }

    /// <summary>
    /// The file system's clock now, as a racy check needs it: the modification time of a new empty file made beside
    /// <paramref name="path"/> (<c>path.pid.guid.suffix</c>, its folder created). With <paramref name="keepFile"/> the file
    /// stays for the caller (<c>File</c>), else it is removed at once. Null, leaving nothing, when it cannot be made or
    /// stamped.
    /// </summary>
    public static (string File, long ClockNs)? TakeClock(string path, string suffix, bool keepFile)
    {
        string? temp = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.{suffix}";
            File.WriteAllBytes(temp, []);
            var clock = Of(temp) is { Kind: FileKind.File } stamp ? stamp.ModifiedNs : (long?)null;
            if (clock is null || !keepFile)
            {
                File.Delete(temp);
            }

            return clock is { } ns ? (temp, ns) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (temp is not null && File.Exists(temp))
            {
                File.Delete(temp);
            }

            return null;
        }
    }

    /// <summary>The uid that owns <paramref name="path"/> itself (a link is not followed); null when nothing is there or it cannot be read.</summary>
    internal static int? OwnerOf(string path)
    {
        const int AtSymlinkNoFollow = 0x100;
        var buffer = s_buffer ??= new byte[256];
        return !path.Contains('\0', StringComparison.Ordinal) && Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) == 0
            ? (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20))
            : null;
    }

    /// <summary>Writes the stamp as <see cref="ReadFrom"/> reads it.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write((byte)Kind);
        writer.Write(Device);
        writer.Write(Inode);
        writer.Write(Size);
        writer.Write(ModifiedNs);
        writer.Write(ChangedNs);
    }

    /// <summary>Reads a stamp written by <see cref="WriteTo"/>.</summary>
    public static FileStamp ReadFrom(BinaryReader reader) =>
        new((FileKind)reader.ReadByte(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());

    /// <summary>The later of the two times: what a racy check compares.</summary>
    public long LatestNs => Math.Max(ModifiedNs, ChangedNs);

    private static long Nanoseconds(ReadOnlySpan<byte> timestamp) =>
        (BinaryPrimitives.ReadInt64LittleEndian(timestamp) * 1_000_000_000L) + BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]);

    [DllImport("libc.so.6", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}

/// <summary>Who owns a path, as the kernel keeps it (Linux: <c>statx</c>).</summary>
public static class FileOwner
{
    /// <summary>The uid that owns <paramref name="path"/> itself (a link is not followed); null when nothing is there, it cannot be read, or the system has no <c>statx</c>.</summary>
    public static int? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FileStamp.Supported ? FileStamp.OwnerOf(path) : null;
    }
}
