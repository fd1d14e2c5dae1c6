namespace TrajectoryBuild.Containers;

/// <summary>
/// Watches what a run writes (a container's writable layer, a local run's folder) and says when it reaches the limit.
/// It measures every second while the run is far below the limit, and sooner as it nears it: never later than a run
/// writing at <see cref="AssumedBytesPerSecond"/> (or at the rate seen since the last look, when faster) would take to
/// fill what is left, down to every <see cref="Fastest"/>. So a run writing as fast as a disk goes passes the limit by
/// what it writes in a few tens of milliseconds, not in a second. A measurement that takes long (a folder of very many
/// files) is made at most a fifth of the time.
/// </summary>
internal static class DiskWatch
{
    /// <summary>The write rate the watch assumes at least: a fast disk's.</summary>
    public const long AssumedBytesPerSecond = 1024L * 1024 * 1024;

    public static readonly TimeSpan Slowest = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Fastest = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Measures with <paramref name="measure"/> until it returns at least <paramref name="limit"/> (true), or until
    /// <paramref name="cancellationToken"/> is cancelled (false: the run ended first).
    /// </summary>
    public static async Task<bool> UntilLimitAsync(Func<CancellationToken, Task<long>> measure, long limit, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(time);
        (long Bytes, long At)? last = null;
        try
        {
            while (true)
            {
                var started = time.GetTimestamp();
                var bytes = await measure(cancellationToken).ConfigureAwait(false);
                var at = time.GetTimestamp();
                if (bytes >= limit)
                {
                    return true;
                }

                var rate = (double)AssumedBytesPerSecond;
                if (last is { } previous && bytes > previous.Bytes)
                {
                    rate = Math.Max(rate, (bytes - previous.Bytes) / Math.Max(time.GetElapsedTime(previous.At, at).TotalSeconds, 1e-3));
                }

                last = (bytes, at);
                var wait = TimeSpan.FromSeconds((limit - bytes) / rate);
                wait = wait < Fastest ? Fastest : wait > Slowest ? Slowest : wait;
                var took = time.GetElapsedTime(started, at);
                await Task.Delay(took * 4 > wait ? took * 4 : wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
