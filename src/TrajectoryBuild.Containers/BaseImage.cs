using Docker.DotNet.Models;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Containers;

/// <summary>
/// Base images bootstrapped from a root filesystem, so the flow works with no registry:
/// debootstrap into a folder, tar it deterministically, import it through the Engine API.
/// The engine is the cache: an image whose content-hash name exists is not built again. The tar is kept in the work
/// root (<c>base-&lt;tag&gt;.rootfs.tar</c>), so another engine that lacks the image imports the same bytes in seconds
/// instead of bootstrapping again (a later bootstrap may see newer Debian packages).
/// </summary>
internal sealed partial class BaseImage(DockerEngine engine, string? workRoot = null)
{
    /// <summary>The label that carries the SHA-256 of the root filesystem tar an image was imported from.</summary>
    public const string RootfsLabel = "trajbuild.rootfs.sha256";

    private readonly string _workRoot = workRoot ?? Path.Combine(Path.GetTempPath(), "trajbuild-images");

    /// <summary>The image id (<c>sha256:...</c>) of the spec's image, built first when the engine does not have it.</summary>
    public async Task<string> EnsureAsync(BaseImageSpec spec, Action<string>? progress, CancellationToken cancellationToken)
    {
        var report = progress ?? (_ => { });
        if (await FindAsync(spec, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(_workRoot);
        // Another process (or task) may be building the same image: the lock makes it build once.
        var lockPath = Path.Combine(_workRoot, $"base-{spec.Tag}.lock");
        using var buildLock = await CrossProcessLock.AcquireAsync(lockPath, Timeout.InfiniteTimeSpan, () => report($"waiting for another build of the same image ({lockPath})"), cancellationToken).ConfigureAwait(false);
        if (await FindAsync(spec, cancellationToken).ConfigureAwait(false) is { } builtMeanwhile)
        {
            return builtMeanwhile;
        }

        var tarball = Path.Combine(_workRoot, $"base-{spec.Tag}.rootfs.tar");
        if (File.Exists(tarball))
        {
            report($"{spec.ImageName}: reusing the root filesystem bootstrapped before ({tarball})");
        }
        else
        {
            await BootstrapAsync(spec, tarball, report, cancellationToken).ConfigureAwait(false);
        }

        var digest = await RootfsTar.Sha256Async(tarball, cancellationToken).ConfigureAwait(false);
        report($"importing {spec.ImageName} (rootfs {new FileInfo(tarball).Length / (1024 * 1024)} MiB, sha256:{digest})");
        await ImportAsync(spec, tarball, digest, report, cancellationToken).ConfigureAwait(false);
        return await FindAsync(spec, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the engine imported {spec.ImageName} but does not list it");
    }

    /// <summary>The rootfs digest an image carries in its <see cref="RootfsLabel"/>, or null when it has none.</summary>
    public static string? RootfsDigest(ImageInspectResponse image) =>
        image.Config?.Labels is { } labels && labels.TryGetValue(RootfsLabel, out var digest) ? digest : null;

    /// <summary>The image id of the spec's image when the engine has it, else null.</summary>
    public async Task<string?> FindAsync(BaseImageSpec spec, CancellationToken cancellationToken) =>
        (await engine.FindImageAsync(spec.ImageName, cancellationToken).ConfigureAwait(false))?.ID;

    // debootstrap, clean, tar; the tar is moved into place only once whole, so a cancelled build leaves none.
    private async Task BootstrapAsync(BaseImageSpec spec, string tarball, Action<string> report, CancellationToken cancellationToken)
    {
        var work = Path.Combine(_workRoot, $"base-{spec.Tag}-{Guid.NewGuid():N}");
        try
        {
            var rootfs = Path.Combine(work, "rootfs");
            report($"bootstrapping {spec.ImageName}: debootstrap {spec.Suite} with {string.Join(' ', spec.Packages)}");
            await Debootstrap.RunAsync(spec, rootfs, report, cancellationToken).ConfigureAwait(false);
            RootfsCleanup.Apply(rootfs);
            var built = Path.Combine(work, "rootfs.tar");
            await RootfsTar.CreateAsync(rootfs, built, report, cancellationToken).ConfigureAwait(false);
            File.Move(built, tarball, overwrite: true);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    private async Task ImportAsync(BaseImageSpec spec, string tarball, string rootfsDigest, Action<string> report, CancellationToken cancellationToken)
    {
        var parameters = new ImagesCreateParameters
        {
            FromSrc = "-",
            Repo = BaseImageSpec.Repository,
            Tag = spec.Tag,
            Changes =
            [
                "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "ENV LANG=C.UTF-8",
                $"LABEL trajbuild.spec.suite={spec.Suite}",
                $"LABEL trajbuild.spec.packages={string.Join(',', spec.Packages)}",
                $"LABEL {RootfsLabel}={rootfsDigest}",
            ],
        };
        var messages = new Progress<JSONMessage>(m =>
        {
            if (!string.IsNullOrEmpty(m.Status))
            {
                report(m.Status);
            }
        });
        var tar = File.OpenRead(tarball);
        await using (tar.ConfigureAwait(false))
        {
            await engine.Client.Images.CreateImageAsync(parameters, tar, null, messages, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a build that succeeded.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
