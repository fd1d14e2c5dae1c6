using System.Globalization;
using System.Runtime.Versioning;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// Unprivileged uids for local runs, one per run at a time: <see cref="FirstUid"/> + slot, the first slot that no other
/// run holds and that no account in /etc/passwd (and no group in /etc/group) uses. A slot is held by an exclusive lock
/// (an flock) on its file under <see cref="Folder"/> for the run's lifetime, so two runs at once, even of two trajbuild
/// processes on one machine, never share a uid; a process that dies lets go of its slots with its file descriptors.
/// What a uid owns in the <see cref="SharedFolders"/> is removed when a run takes it and when it gives it back, so a run
/// never finds what an earlier run of its uid left, even one whose build was killed. Only a build that runs as root
/// takes them (it alone can switch to them).
/// </summary>
internal static class LocalRunUids
{
    /// <summary>The first uid (and gid) handed out; far above any account a distribution or a directory service makes.</summary>
    public const int FirstUid = 2_000_000_000;

    /// <summary>How many runs can hold a uid at once on one machine.</summary>
    public const int Slots = 4096;

    /// <summary>Where the slots' lock files are: under /run, which only root can write.</summary>
    public const string Folder = "/run/trajbuild/local-uids";

    /// <summary>How deep <see cref="Sweep(int, IEnumerable{string})"/> looks into nested folders open to all.</summary>
    private const int SweepDepth = 32;

    /// <summary>
    /// The folders every user may write in, where a run can leave files outside its own folder (the temporary folder,
    /// <c>/tmp</c>, <c>/var/tmp</c>, <c>/dev/shm</c>): swept of what a uid owns when a run takes it and when it gives it
    /// back, so that no run finds what an earlier run of the same uid left there, even one killed outright.
    /// </summary>
    public static IReadOnlyList<string> SharedFolders { get; } =
        [.. new[] { Path.GetTempPath(), "/tmp", "/var/tmp", "/dev/shm" }.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).Distinct(StringComparer.Ordinal)];

    /// <summary>Takes the first free uid, with <see cref="SharedFolders"/> swept of it; it stays this run's until the returned lease is disposed.</summary>
    [UnsupportedOSPlatform("windows")]
    public static LocalRunUid Acquire() => Acquire(Folder, SharedFolders);

    /// <summary>As <see cref="Acquire()"/>, with the lock files in <paramref name="folder"/>, sweeping nothing.</summary>
    [UnsupportedOSPlatform("windows")]
    internal static LocalRunUid Acquire(string folder) => Acquire(folder, []);

    /// <summary>As <see cref="Acquire()"/>, with the lock files in <paramref name="folder"/>, sweeping <paramref name="shared"/>.</summary>
    [UnsupportedOSPlatform("windows")]
    internal static LocalRunUid Acquire(string folder, IReadOnlyList<string> shared)
    {
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var accounts = Accounts();
        for (var slot = 0; slot < Slots; slot++)
        {
            var uid = FirstUid + slot;
            if (accounts.Contains(uid))
            {
                continue;
            }

            if (CrossProcessLock.TryAcquire(Path.Combine(folder, uid.ToString(CultureInfo.InvariantCulture) + ".lock")) is { } held)
            {
                // Held, so no run of this uid is alive: whatever it owns in the shared folders an earlier run left.
                Sweep(uid, shared);
                return new LocalRunUid(uid, held, shared);
            }
        }

        throw new InvalidOperationException(
            $"all {Slots} uids for local runs ({FirstUid} to {FirstUid + Slots - 1}) are held by runs in progress on this machine (their locks are in {folder}): "
            + "wait for some to end, or run fewer at once (--jobs)");
    }

    /// <summary>
    /// Removes what <paramref name="uid"/> owns in each of <paramref name="shared"/>: at the top, and at any depth (up to
    /// <see cref="SweepDepth"/>) inside the folders of other owners that every user may write in (such as
    /// <c>/tmp/.X11-unix</c>), the only places besides its own folders where the uid could have made anything; links are
    /// removed, not followed. Best effort: what cannot be removed is left. Returns how many entries were removed.
    /// </summary>
    internal static int Sweep(int uid, IEnumerable<string> shared) => shared.Sum(root => Sweep(uid, root, 0));

    private static int Sweep(int uid, string folder, int depth)
    {
        var removed = 0;
        foreach (var entry in Entries(folder))
        {
            if (FileOwner.Of(entry) == uid)
            {
                removed += Remove(entry) ? 1 : 0;
            }
            else if (depth < SweepDepth && IsOpenToAll(entry))
            {
                removed += Sweep(uid, entry, depth + 1);
            }
        }

        return removed;
    }

    private static List<string> Entries(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? [.. Directory.EnumerateFileSystemEntries(folder)] : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    // A real folder (not a link) that every user may write in, sticky (1777) or not (0777).
    private static bool IsOpenToAll(string path)
    {
        var info = new DirectoryInfo(path);
        const UnixFileMode OpenToAll = UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return info.Exists && info.LinkTarget is null && (info.UnixFileMode & OpenToAll) == OpenToAll;
    }

    private static bool Remove(string path)
    {
        try
        {
            var info = new DirectoryInfo(path);
            if (info.Exists && info.LinkTarget is null)
            {
                info.Delete(recursive: true);
            }
            else
            {
                File.Delete(path);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The uids of /etc/passwd and the gids of /etc/group: never handed out, whatever the slot.</summary>
    private static HashSet<int> Accounts()
    {
        var ids = new HashSet<int>();
        foreach (var file in (string[])["/etc/passwd", "/etc/group"])
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }
}

/// <summary>
/// A uid (and the gid of the same number) held for one run; disposing sweeps the shared folders of what the run left
/// there, then lets another run take it.
/// </summary>
internal sealed class LocalRunUid(int uid, CrossProcessLock held, IReadOnlyList<string> shared) : IDisposable
{
    public int Uid => uid;

    /// <summary><c>uid:gid</c>, for chown.</summary>
    public string Owner => string.Create(CultureInfo.InvariantCulture, $"{uid}:{uid}");

    public void Dispose()
    {
        LocalRunUids.Sweep(uid, shared);
        held.Dispose();
    }
}
