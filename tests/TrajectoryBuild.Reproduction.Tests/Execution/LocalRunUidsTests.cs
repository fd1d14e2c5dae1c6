using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Reproduction.Tests.Execution;

/// <summary>The uids of local runs: real lock files (flock), real threads and a real second process.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalRunUidsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Folder => _temp.Combine("uids");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Acquire_ManyAtOnceAndChurning_NeverHandsOutOneUidTwice()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("flock locks: Linux only");
            return;
        }

        // 48 threads at once, each holding what it took: all different, none an account's, in the range.
        using var start = new Barrier(48);
        var held = new LocalRunUid[48];
        var threads = Enumerable.Range(0, 48).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            held[i] = LocalRunUids.Acquire(Folder);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var uids = held.Select(h => h.Uid).ToList();
        uids.Distinct().Count().ShouldBe(48);
        uids.ShouldAllBe(uid => uid >= LocalRunUids.FirstUid && uid < LocalRunUids.FirstUid + LocalRunUids.Slots);
        uids.Intersect(Accounts()).ShouldBeEmpty();
        foreach (var lease in held)
        {
            lease.Dispose();
        }

        // 8 threads taking and giving back uids 100 times each: a uid is never held twice at the same moment, and
        // given back, the lowest ones are used again.
        var holders = new ConcurrentDictionary<int, int>();
        var clashes = 0;
        var workers = Enumerable.Range(0, 8).Select(worker => new Thread(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                using var lease = LocalRunUids.Acquire(Folder);
                if (!holders.TryAdd(lease.Uid, worker))
                {
                    Interlocked.Increment(ref clashes);
                }

                Thread.SpinWait(Random.Shared.Next(2000));
                holders.TryRemove(lease.Uid, out _);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        clashes.ShouldBe(0);
        Directory.GetFiles(Folder).Length.ShouldBeLessThanOrEqualTo(48, "a free slot is reused, so no more lock files than runs ever held at once");
    }

    [Fact]
    public async Task Acquire_SlotsAnotherProcessHolds_AreSkippedAndTheOnesItGetsAreHeldForOtherProcesses()
    {
        if (OperatingSystem.IsWindows() || Which("flock") is null)
        {
            Requires.SkipOrFailInCi("util-linux flock is not installed", ".ci/run has util-linux");
            return;
        }

        var free = Enumerable.Range(LocalRunUids.FirstUid, 16).Except(Accounts()).ToList();
        Directory.CreateDirectory(Folder);

        // Another process (util-linux flock, the same flock(2) lock) holds the first and the third free slot.
        var script = $"flock {LockFile(free[0])} flock {LockFile(free[2])} sh -c 'echo held; exec sleep 60'";
        using var other = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            (await other.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)).ShouldBe("held");

            using var first = LocalRunUids.Acquire(Folder);
            using var second = LocalRunUids.Acquire(Folder);
            using var third = LocalRunUids.Acquire(Folder);

            ((int[])[first.Uid, second.Uid, third.Uid]).ShouldBe([free[1], free[3], free[4]]);

            // And another process sees this one's slots held, until they are given back.
            (await TryLockAsync(second.Uid)).ShouldBeFalse();
            second.Dispose();
            (await TryLockAsync(second.Uid)).ShouldBeTrue();
        }
        finally
        {
            other.Kill(entireProcessTree: true);
            await other.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Acquire_AndGivingBack_SweepTheSharedFoldersOfWhatTheUidOwns_AndOnlyThat()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName != "root")
        {
            Requires.SkipOrFailInCi("giving files to other uids needs root", ".ci/run runs as root");
            return;
        }

        // What runs of the first uids of the range left in a shared folder (as a run killed outright leaves its folder):
        // a folder with a file in it, a file, a link to a folder elsewhere, a file in a folder every user may write in,
        // and one three folders open to all further down (0777, then 1777). Beside them, what belongs to root, and a
        // uid's file in a folder that only root may write in (no run of that uid could have made it).
        using var row = ReliabilityRecord.Start("Hostile tasks", "local executor: what 8 runs of 8 uids left in a shared temporary folder (their run folders, as a build killed outright leaves them, "
            + "files, links to a folder elsewhere, files inside a folder every user may write in and three such folders further down), when a run takes one of those uids and when it gives it back");
        var shared = _temp.Combine("shared");
        var open = Path.Combine(shared, ".X11-unix");
        var elsewhere = _temp.Combine("elsewhere");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)Convert.ToInt32("1777", 8));
        var deep = Path.Combine(open, "cache", "sockets", "x");
        Directory.CreateDirectory(deep);
        File.SetUnixFileMode(Path.Combine(open, "cache"), (UnixFileMode)Convert.ToInt32("0777", 8));
        File.SetUnixFileMode(Path.Combine(open, "cache", "sockets"), (UnixFileMode)Convert.ToInt32("1777", 8));
        File.SetUnixFileMode(deep, (UnixFileMode)Convert.ToInt32("1777", 8));
        var closed = Path.Combine(open, "closed");
        Directory.CreateDirectory(closed);
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "keep"), "not a run's");
        File.WriteAllText(Path.Combine(shared, "root-file"), "root's");
        File.WriteAllText(Path.Combine(open, "root-socket"), "root's");
        var free = Enumerable.Range(LocalRunUids.FirstUid, 24).Except(Accounts()).Take(8).ToList();
        foreach (var uid in free)
        {
            Directory.CreateDirectory(Path.Combine(shared, $"run-{uid}", "testbed"));
            File.WriteAllText(Path.Combine(shared, $"run-{uid}", "testbed", "gold.patch"), "another task's patch");
            File.WriteAllText(Path.Combine(shared, $"file-{uid}"), "left behind");
            File.CreateSymbolicLink(Path.Combine(shared, $"link-{uid}"), elsewhere);
            File.WriteAllText(Path.Combine(open, $"in-{uid}"), "left behind");
            File.WriteAllText(Path.Combine(deep, $"deep-{uid}"), "left behind");
            File.WriteAllText(Path.Combine(closed, $"given-{uid}"), "root gave it");
            Chown(uid, Path.Combine(shared, $"run-{uid}"), Path.Combine(shared, $"file-{uid}"), Path.Combine(shared, $"link-{uid}"), Path.Combine(open, $"in-{uid}"),
                Path.Combine(deep, $"deep-{uid}"), Path.Combine(closed, $"given-{uid}"));
        }

        var lease = LocalRunUids.Acquire(Folder, [shared]);
        var mine = lease.Uid;
        string[] left = [$"run-{mine}", $"file-{mine}", $"link-{mine}", Path.Combine(".X11-unix", $"in-{mine}"), Path.Combine(".X11-unix", "cache", "sockets", "x", $"deep-{mine}")];

        free.ShouldContain(mine);
        left.ShouldAllBe(entry => !Path.Exists(Path.Combine(shared, entry)));
        foreach (var other in free.Where(uid => uid != mine))
        {
            Directory.Exists(Path.Combine(shared, $"run-{other}", "testbed")).ShouldBeTrue();
            File.Exists(Path.Combine(shared, $"file-{other}")).ShouldBeTrue();
            Path.Exists(Path.Combine(shared, $"link-{other}")).ShouldBeTrue();
            File.Exists(Path.Combine(open, $"in-{other}")).ShouldBeTrue();
            File.Exists(Path.Combine(deep, $"deep-{other}")).ShouldBeTrue();
        }

        File.Exists(Path.Combine(closed, $"given-{mine}")).ShouldBeTrue("a folder only root may write in is not the run's doing");

        File.ReadAllText(Path.Combine(elsewhere, "keep")).ShouldBe("not a run's");
        File.Exists(Path.Combine(shared, "root-file")).ShouldBeTrue();
        File.Exists(Path.Combine(open, "root-socket")).ShouldBeTrue();

        // What the run leaves while it holds the uid goes when it gives the uid back.
        File.WriteAllText(Path.Combine(shared, "during"), "left by the run");
        Chown(mine, Path.Combine(shared, "during"));
        lease.Dispose();
        File.Exists(Path.Combine(shared, "during")).ShouldBeFalse();
        File.Exists(Path.Combine(shared, "root-file")).ShouldBeTrue();
        for (var i = 0; i < free.Count; i++)
        {
            row.Case();
        }

        row.Passed("what the uid a run takes owns is removed before it runs, and what it leaves when it gives the uid back; links removed, not followed; the other uids' and root's files untouched");
    }

    private static void Chown(int uid, params string[] paths)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", "-h", $"{uid}:{uid}", .. paths]) { UseShellExecute = false })!;
        chown.WaitForExit();
        chown.ExitCode.ShouldBe(0);
    }

    private string LockFile(int uid) => Path.Combine(Folder, uid.ToString(CultureInfo.InvariantCulture) + ".lock");

    /// <summary>True when a separate process (flock -n) can take the uid's lock at once.</summary>
    private async Task<bool> TryLockAsync(int uid)
    {
        using var process = Process.Start(new ProcessStartInfo("flock", ["-n", LockFile(uid), "true"]) { UseShellExecute = false })!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.ExitCode == 0;
    }

    private static HashSet<int> Accounts() =>
        [.. ((string[])["/etc/passwd", "/etc/group"]).Where(File.Exists).SelectMany(File.ReadLines)
            .Select(line => line.Split(':')).Where(f => f.Length > 2 && int.TryParse(f[2], CultureInfo.InvariantCulture, out _)).Select(f => int.Parse(f[2], CultureInfo.InvariantCulture))];

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
