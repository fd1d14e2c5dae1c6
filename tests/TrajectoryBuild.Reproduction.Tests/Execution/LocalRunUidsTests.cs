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
