namespace TrajectoryBuild.State;

/// <summary>
/// A cross-process exclusive lock: a lock file held open with <see cref="FileShare.None"/> (an flock on Unix, a
/// share-mode lock on Windows). The OS releases it when the holder dies, so a killed build never leaves it stuck.
/// One implementation for every store that builds share: the lock file, cache keys, repository mirrors, base images.
/// </summary>
public sealed class CrossProcessLock : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromMilliseconds(500);

    private readonly FileStream _stream;

    private CrossProcessLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file.</summary>
    public string Path => _stream.Name;

    /// <summary>Waits, as long as it takes, until the lock at <paramref name="path"/> is free.</summary>
    public static Task<CrossProcessLock> AcquireAsync(string path, CancellationToken cancellationToken) =>
        AcquireAsync(path, Timeout.InfiniteTimeSpan, null, cancellationToken);

    /// <summary>
    /// Waits (with back-off and jitter) until the lock is free. <paramref name="onWait"/> runs once, when the lock
    /// is first found held (to tell the user what the build waits for).
    /// </summary>
    /// <exception cref="TimeoutException">Still held after <paramref name="timeout"/>.</exception>
    public static async Task<CrossProcessLock> AcquireAsync(string path, TimeSpan timeout, Action? onWait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        var delay = s_firstDelay;
        var waited = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new CrossProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException exception) when (IsHeldByAnother(exception))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException($"{path} is still locked by another build after {timeout}", exception);
                }

                if (!waited)
                {
                    waited = true;
                    onWait?.Invoke();
                }

                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(10)), cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxDelay.Ticks));
            }
        }
    }

    /// <summary>Takes the lock at <paramref name="path"/> if it is free; null, at once, when another holder has it.</summary>
    public static CrossProcessLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        try
        {
            return new CrossProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException exception) when (IsHeldByAnother(exception))
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    // Only a lock another holder has is worth waiting for; any other error (a full disk, a name too long) stays. .NET
    // reports the lock as a plain IOException: with the errno EWOULDBLOCK on Unix, a sharing or lock violation on Windows.
    private static bool IsHeldByAnother(IOException exception) =>
        exception.GetType() == typeof(IOException)
        && (OperatingSystem.IsWindows()
            ? exception.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021)
            : exception.HResult == (OperatingSystem.IsLinux() ? 11 : 35));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
