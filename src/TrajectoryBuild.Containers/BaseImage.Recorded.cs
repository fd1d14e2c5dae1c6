using Docker.DotNet.Models;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Containers;

internal sealed partial class BaseImage
{
    /// <summary>
    /// Makes sure this engine has the base image an Environment target recorded, built from the same root filesystem
    /// (<paramref name="rootfsSha256"/>), so any engine of a pool can run any task: the image already there; else
    /// copied from another engine that has it (saved and loaded through this host: the very image, as a registry would
    /// serve it); else imported from the tar this host kept, or bootstrapped (<see cref="EnsureAsync"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine's image was built from another root filesystem.</exception>
    public async Task EnsureRecordedAsync(
        BaseImageSpec spec, string rootfsSha256, IEnumerable<DockerEngine> others, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(progress);
        var image = await engine.FindImageAsync(spec.ImageName, cancellationToken).ConfigureAwait(false);
        if (image is null)
        {
            if (!await CopyFromAnotherAsync(spec, rootfsSha256, others, progress, cancellationToken).ConfigureAwait(false))
            {
                await EnsureAsync(spec, progress, cancellationToken).ConfigureAwait(false);
            }

            image = await engine.FindImageAsync(spec.ImageName, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the engine at {EngineEntry.Describe(engine.Endpoint)} was given {spec.ImageName} but does not list it");
        }

        if (RootfsDigest(image) is var found && found != rootfsSha256)
        {
            throw new InvalidOperationException(
                $"{spec.ImageName} on the engine at {EngineEntry.Describe(engine.Endpoint)} holds a root filesystem with sha256:{found ?? "(no label)"}, "
                + $"but the Environment target recorded sha256:{rootfsSha256}, so tasks there would not run on what was recorded. Give that engine the recorded image "
                + $"(docker save {spec.ImageName} from an engine that has it, docker load on this one, after docker rmi {spec.ImageName} there); "
                + "when no engine has it any more, bump 'epoch' in the manifest to build the environment again");
        }
    }

    private async Task<bool> CopyFromAnotherAsync(
        BaseImageSpec spec, string rootfsSha256, IEnumerable<DockerEngine> others, Action<string> progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_workRoot);
        var lockPath = Path.Combine(_workRoot, $"base-{spec.Tag}.lock");
        using var copyLock = await CrossProcessLock.AcquireAsync(lockPath, Timeout.InfiniteTimeSpan, () => progress($"waiting for another copy of the same image ({lockPath})"), cancellationToken).ConfigureAwait(false);
        if (await FindAsync(spec, cancellationToken).ConfigureAwait(false) is not null)
        {
            return true;
        }

        foreach (var other in others)
        {
            if (await RootfsOnAsync(other, spec, cancellationToken).ConfigureAwait(false) != rootfsSha256)
            {
                continue;
            }

            progress($"copying {spec.ImageName} (rootfs sha256:{rootfsSha256}) from another engine of the pool");
            var saved = await other.Client.Images.SaveImageAsync(spec.ImageName, cancellationToken).ConfigureAwait(false);
            await using (saved.ConfigureAwait(false))
            {
                await engine.Client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, saved, new Progress<JSONMessage>(), cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        return false;
    }

    // The rootfs digest of the image on another engine; null when it lacks the image or does not answer (it is only a source).
    private static async Task<string?> RootfsOnAsync(DockerEngine other, BaseImageSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return await other.FindImageAsync(spec.ImageName, cancellationToken).ConfigureAwait(false) is { } image ? RootfsDigest(image) : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
