using System.Collections.Concurrent;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>
/// Slows password guessing down: failed logins are counted per account name and per client address over a sliding
/// window. Past <see cref="LoginLimits.PerName"/> failures for a name, or <see cref="LoginLimits.PerAddress"/> from an
/// address, logins of that name (from that address) are refused without checking the password until the oldest failure
/// leaves the window. Only failures count, so many annotators signing in from one office address are never slowed; a
/// successful login clears its name's count. Behind a reverse proxy every client has the proxy's address.
/// </summary>
internal sealed class LoginThrottle(TimeProvider clock, LoginLimits limits)
{
    // Swept of expired windows once it holds this many keys, so names sprayed by a guesser do not pile up.
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="name"/> may try to log in from <paramref name="address"/>; else how long until it may.</summary>
    public TimeSpan? RetryAfter(string name, string address)
    {
        var now = clock.GetUtcNow();
        var byName = Wait(NameKey(name), limits.PerName, now);
        var byAddress = Wait(AddressKey(address), limits.PerAddress, now);
        var wait = byName > byAddress ? byName : byAddress;
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string name, string address)
    {
        var now = clock.GetUtcNow();
        Add(NameKey(name), now);
        Add(AddressKey(address), now);
        if (_failures.Count > SweepAbove)
        {
            foreach (var (key, times) in _failures)
            {
                lock (times)
                {
                    if (Prune(times, now) == 0)
                    {
                        _failures.TryRemove(new KeyValuePair<string, Queue<DateTimeOffset>>(key, times));
                    }
                }
            }
        }
    }

    public void Succeeded(string name) => _failures.TryRemove(NameKey(name), out _);

    private static string NameKey(string name) => "name:" + name.ToUpperInvariant();

    private static string AddressKey(string address) => "address:" + address;

    private void Add(string key, DateTimeOffset now)
    {
        var times = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            times.Enqueue(now);
        }
    }

    // When `limit` or more failures are in the window, how long until enough of them leave it; else zero.
    private TimeSpan Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            return TimeSpan.Zero;
        }

        lock (times)
        {
            var count = Prune(times, now);
            return count < limit ? TimeSpan.Zero : times.ElementAt(count - limit) + limits.Window - now;
        }
    }

    // Drops the failures that left the window (the caller holds the queue's lock); how many remain.
    private int Prune(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() <= now - limits.Window)
        {
            times.Dequeue();
        }

        return times.Count;
    }
}

/// <summary>How many failed logins a name and an address may have within the window before they must wait.</summary>
internal sealed record LoginLimits(int PerName = 5, int PerAddress = 20)
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);
}
