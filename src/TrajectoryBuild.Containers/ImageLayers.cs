using System.Text;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Containers;

/// <summary>
/// One image layer: a shell script run as root in a container of <see cref="Parent"/> (network none, the given
/// limits), with folders copied in, committed as <c>Repository:Tag</c>. The tag is a content hash of everything the
/// script sees, chosen by the caller, so an image that exists under that name is reused and never rebuilt.
/// </summary>
internal sealed record LayerSpec(string Parent, string Repository, string Tag, string Script)
{
    public string ImageName => $"{Repository}:{Tag}";

    public IReadOnlyList<ContainerCopy> CopyIn { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string WorkingDirectory { get; init; } = "/";

    public ContainerLimits Limits { get; init; } = new();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>A layer script that failed: its exit code and the end of its output, to show the user.</summary>
internal sealed class ImageLayerException(string imageName, ContainerResult result)
    : Exception($"building image {imageName} failed: {Describe(result)}")
{
    public ContainerResult Result { get; } = result;

    /// <summary>The last lines of the script's output.</summary>
    public string Tail { get; } = LastLines(result.Stdout + result.Stderr, 30);

    private static string Describe(ContainerResult result) =>
        result.DiskLimitExceeded ? "the script wrote as much as the disk limit (limits.disk)"
        : result.TimedOut ? "the script timed out" : result.OomKilled ? "the script ran out of memory" : $"the script exited with code {result.ExitCode}";

    private static string LastLines(string text, int count)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - count)));
    }
}

/// <summary>Builds <see cref="LayerSpec"/> images once: the engine is the cache, a cross-process lock stops double builds.</summary>
internal sealed class ImageLayers(DockerEngine engine, string lockRoot)
{
    /// <summary>Ensures the layer exists; returns true when this call built it (its output goes to <paramref name="log"/>).</summary>
    public async Task<bool> EnsureAsync(LayerSpec spec, Action<string> progress, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(log);
        if (await ExistsAsync(spec.ImageName, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Directory.CreateDirectory(lockRoot);
        var lockPath = Path.Combine(lockRoot, $"{spec.Repository.Replace('/', '_')}-{spec.Tag}.lock");
        using var buildLock = await CrossProcessLock.AcquireAsync(lockPath, Timeout.InfiniteTimeSpan, () => progress($"waiting for another build of {spec.ImageName}"), cancellationToken).ConfigureAwait(false);
        if (await ExistsAsync(spec.ImageName, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        progress($"building image {spec.ImageName} on {spec.Parent}");
        var run = new ContainerSpec(spec.Parent, ["bash", "-c", spec.Script])
        {
            User = "0",
            WorkingDirectory = spec.WorkingDirectory,
            CopyIn = spec.CopyIn,
            Limits = spec.Limits,
            Timeout = spec.Timeout,
            Environment = new Dictionary<string, string> { ["HOME"] = "/root" },
            CommitAs = new ImageCommit(spec.Repository, spec.Tag) { Labels = spec.Labels, WorkingDirectory = spec.WorkingDirectory },
        };
        var result = await new ContainerRunner(engine).RunAsync(run, cancellationToken).ConfigureAwait(false);
        await log.WriteAsync(new StringBuilder().Append("--- image ").Append(spec.ImageName).Append(": exit ").Append(result.ExitCode).Append('\n').Append(result.Stdout).Append(result.Stderr).ToString()).ConfigureAwait(false);
        if (result.CommittedImageId is null)
        {
            throw new ImageLayerException(spec.ImageName, result);
        }

        return true;
    }

    private async Task<bool> ExistsAsync(string imageName, CancellationToken cancellationToken) =>
        await engine.FindImageAsync(imageName, cancellationToken).ConfigureAwait(false) is not null;
}
