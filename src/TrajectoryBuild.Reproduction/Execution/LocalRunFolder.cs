using System.IO.Enumeration;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// One local run's (or sandbox's) folder, a fresh temporary one: <c>testbed</c> (the worktree), <c>home</c> (HOME) and
/// <c>tmp</c> (TMPDIR, so that what a run's tools put in a temporary folder stays in its own). Given to the run's uid by
/// <see cref="LocalFence.GiveAsync"/>; removed on dispose.
/// </summary>
internal sealed class LocalRunFolder : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly DirectoryInfo _root;

    private LocalRunFolder(DirectoryInfo root) => _root = root;

    public string Root => _root.FullName;

    public string Testbed => Path.Combine(Root, "testbed");

    public string Home => Path.Combine(Root, "home");

    public string Tmp => Path.Combine(Root, "tmp");

    /// <summary>A new folder in the host's temporary folder, named <paramref name="prefix"/> and a random suffix, with home and tmp made (mode 0700).</summary>
    public static LocalRunFolder Create(string prefix)
    {
        var folder = new LocalRunFolder(Directory.CreateTempSubdirectory(prefix));
        MakePrivate(folder.Home);
        MakePrivate(folder.Tmp);
        return folder;
    }

    /// <summary>
    /// The sizes of the files in the folder, added up (what <c>du --apparent-size</c> counts, like the engine's size of a
    /// writable layer); links are not followed, and what the build cannot read or what vanishes meanwhile counts nothing.
    /// </summary>
    public long Bytes()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        var files = new FileSystemEnumerable<long>(Root, (ref entry) => entry.IsDirectory || (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? 0 : entry.Length, options)
        {
            ShouldRecursePredicate = (ref entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        try
        {
            return files.Sum();
        }
        catch (IOException)
        {
            // A folder removed while it was read: the next look counts again.
            return 0;
        }
    }

    private static void MakePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, Private);
        }
    }

    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A run that left a file busy must not fail the task; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
