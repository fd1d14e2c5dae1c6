using System.IO.Enumeration;
using TrajectoryBuild.Containers;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// Runs a task with no Docker Engine: each run in a fresh temporary copy of the checkout, with the host's toolchain.
/// It runs the same steps as the images (setup, install, patches, tests) in the same order, with a clean environment
/// (PATH as in the images, or <c>TRAJBUILD_LOCAL_PATH</c>), the environment's timeout, <c>ulimit</c> for processes and
/// memory, a run stopped once its output passes the limit, and the host's namespaces where it can (<see cref="LocalIsolation"/>). It is not hermetic: the host's
/// packages decide what is installed, and every report and provenance record says so.
/// </summary>
internal sealed class LocalTaskExecutor(TaskEnvironment environment, string checkoutFolder) : ITaskExecutor
{
    /// <summary>The PATH of the images, used unless <c>TRAJBUILD_LOCAL_PATH</c> says otherwise.</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private const int OutputLimitBytes = 1024 * 1024;

    /// <summary>The PATH runs get: <c>TRAJBUILD_LOCAL_PATH</c> when set, else <see cref="DefaultPath"/>.</summary>
    public static string SearchPath => Environment.GetEnvironmentVariable("TRAJBUILD_LOCAL_PATH") is { Length: > 0 } path ? path : DefaultPath;

    public string Name => Executors.Local;

    public bool Hermetic => false;

    public string? Image => null;

    // Each run's folder (repository, HOME, TMPDIR) is made in the host's temporary folder.
    public IReadOnlyCollection<string> Workspaces { get; } = [Path.GetTempPath(), "/tmp", "/var/tmp", "/dev/shm"];

    public static string Isolation => LocalIsolation.Host.Description;

    public async Task<ContainerResult> RunAsync(string testPatch, string? goldPatch, CancellationToken cancellationToken)
    {
        using var fence = LocalIsolation.Host.Enter();
        using var folder = LocalRunFolder.Create("trajbuild-local-");
        var inbox = Directory.CreateDirectory(Path.Combine(folder.Root, "inbox")).FullName;
        CopyTree(checkoutFolder, folder.Testbed);
        await TestScript.WritePatchesAsync(inbox, testPatch, goldPatch, cancellationToken).ConfigureAwait(false);
        await fence.GiveAsync(folder.Root, cancellationToken).ConfigureAwait(false);
        var script = LocalScript.Limits(environment.Limits) + TestScript.For(folder.Testbed, inbox, testPatch.Length > 0, goldPatch is { Length: > 0 }, environment.TestCommand, [.. environment.Setup, .. environment.Install]);
        return await LocalScript.RunAsync(fence, folder, script, environment.Timeout, OutputLimitBytes, stopAtOutputLimit: true, environment.Limits.DiskBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies the checkout: folders, files, and symbolic links as links (a checkout may hold dangling ones), never
    /// descending into a linked folder: what it points at is not the checkout's, and copying through the new link
    /// would write onto the very files it was read from.
    /// </summary>
    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        var entries = new FileSystemEnumerable<FileSystemInfo>(from, (ref FileSystemEntry entry) => entry.ToFileSystemInfo(), new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        {
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        }.OrderBy(e => e.FullName, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, entry.FullName));
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo)
            {
                Directory.CreateDirectory(target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
