using System.Globalization;
using System.Runtime.Versioning;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// Unprivileged uids for local runs, one per run at a time: <see cref="FirstUid"/> + slot, the first slot that no other
/// run holds and that no account in /etc/passwd (and no group in /etc/group) uses. A slot is held by an exclusive lock
/// (an flock) on its file under <see cref="Folder"/> for the run's lifetime, so two runs at once, even of two trajbuild
/// processes on one machine, never share a uid; a process that dies lets go of its slots with its file descriptors.
/// Only a build that runs as root takes them (it alone can switch to them).
/// </summary>
internal static class LocalRunUids
{
    /// <summary>The first uid (and gid) handed out; far above any account a distribution or a directory service makes.</summary>
    public const int FirstUid = 2_000_000_000;

    /// <summary>How many runs can hold a uid at once on one machine.</summary>
    public const int Slots = 4096;

    /// <summary>Where the slots' lock files are: under /run, which only root can write.</summary>
    public const string Folder = "/run/trajbuild/local-uids";

    /// <summary>Takes the first free uid; it stays this run's until the returned lease is disposed.</summary>
    [UnsupportedOSPlatform("windows")]
    public static LocalRunUid Acquire() => Acquire(Folder);

    /// <summary>As <see cref="Acquire()"/>, with the lock files in <paramref name="folder"/>.</summary>
    [UnsupportedOSPlatform("windows")]
    internal static LocalRunUid Acquire(string folder)
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
                return new LocalRunUid(uid, held);
            }
        }

        throw new InvalidOperationException(
            $"all {Slots} uids for local runs ({FirstUid} to {FirstUid + Slots - 1}) are held by runs in progress on this machine (their locks are in {folder}): "
            + "wait for some to end, or run fewer at once (--jobs)");
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

/// <summary>A uid (and the gid of the same number) held for one run; disposing lets another run take it.</summary>
internal sealed class LocalRunUid(int uid, CrossProcessLock held) : IDisposable
{
    public int Uid => uid;

    /// <summary><c>uid:gid</c>, for chown.</summary>
    public string Owner => string.Create(CultureInfo.InvariantCulture, $"{uid}:{uid}");

    public void Dispose() => held.Dispose();
}
