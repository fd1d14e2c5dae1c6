using System.Diagnostics;
using System.Globalization;

namespace TrajectoryBuild.Testing;

/// <summary>
/// A small tmpfs mounted on a test's folder, to fill a disk for real (root only): <c>mount -t tmpfs -o size=...</c>,
/// resized in place to give a later build room, unmounted on dispose.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Null when this process may mount a tmpfs, else why not (not root, or mount refused).</summary>
    public static string? Problem { get; } = Probe();

    /// <summary>Mounts a tmpfs of <paramref name="kib"/> KiB (and at most <paramref name="inodes"/> files and folders) on <paramref name="path"/>.</summary>
    public static Tmpfs Mount(string path, int kib, int? inodes = null)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", Options(kib, inodes), "tmpfs", path);
        return new Tmpfs(path);
    }

    /// <summary>Gives it <paramref name="kib"/> KiB and plenty of inodes, keeping what it holds.</summary>
    public void Resize(int kib) => Run("mount", "-o", $"remount,{Options(kib, 1_000_000)}", Path);

    public void Dispose() => Run("umount", "-l", Path);

    private static string Options(int kib, int? inodes) =>
        string.Create(CultureInfo.InvariantCulture, $"size={kib}k") + (inodes is { } n ? string.Create(CultureInfo.InvariantCulture, $",nr_inodes={n}") : string.Empty);

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "mounting a tmpfs needs Linux and root";
        }

        var probe = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"trajbuild-tmpfs-probe-{Guid.NewGuid():N}");
        try
        {
            using (Mount(probe, 64))
            {
            }

            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
        finally
        {
            Directory.Delete(probe);
        }
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {errors.Trim()}");
        }
    }
}
