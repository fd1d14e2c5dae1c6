namespace TrajectoryBuild.Containers.Tests;

/// <summary>The lease alone: no engine is contacted (the pool's clients are made on first use of a lease's engine).</summary>
public sealed class EnginePoolTests
{
    private static readonly Uri s_a = new("unix:///run/a.sock");
    private static readonly Uri s_b = new("tcp://10.0.0.7:2376");
    private static readonly Uri s_c = new("tcp://10.0.0.8:2376");

    [Fact]
    public async Task LeaseAsync_ManyAtOnce_NeverExceedsAnEnginesLimit()
    {
        using var pool = Pool((s_a, 1), (s_b, 2), (s_c, 3));
        var inUse = new Dictionary<Uri, int> { [s_a] = 0, [s_b] = 0, [s_c] = 0 };
        var most = new Dictionary<Uri, int>(inUse);
        var gate = new Lock();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            using var lease = await pool.LeaseAsync(TestContext.Current.CancellationToken);
            lock (gate)
            {
                most[lease.Endpoint] = Math.Max(most[lease.Endpoint], ++inUse[lease.Endpoint]);
            }

            await Task.Delay(i % 3, TestContext.Current.CancellationToken);
            lock (gate)
            {
                inUse[lease.Endpoint]--;
            }
        })));

        most[s_a].ShouldBeLessThanOrEqualTo(1);
        most[s_b].ShouldBeLessThanOrEqualTo(2);
        most[s_c].ShouldBeLessThanOrEqualTo(3);
        pool.Stats.Sum(s => s.Served).ShouldBe(200);
        pool.Stats.ShouldAllBe(s => s.MostAtOnce <= s.Limit && s.Served > 0);
    }

    [Fact]
    public async Task LeaseAsync_FreeEngines_TakesTheMostFreeSlotsAndTheFirstListedOnATie()
    {
        using var pool = Pool((s_a, 1), (s_b, 2));
        var ct = TestContext.Current.CancellationToken;

        using var first = await pool.LeaseAsync(ct);
        using var second = await pool.LeaseAsync(ct);
        using var third = await pool.LeaseAsync(ct);

        first.Endpoint.ShouldBe(s_b, "b has 2 free slots, a 1");
        second.Endpoint.ShouldBe(s_a, "1 free slot each: the first listed");
        third.Endpoint.ShouldBe(s_b);
    }

    [Fact]
    public async Task LeaseAsync_EveryEngineAtItsLimit_WaitsUntilOneIsGivenBack()
    {
        using var pool = Pool((s_a, 1), (s_b, 1));
        var ct = TestContext.Current.CancellationToken;
        var onA = await pool.LeaseAsync(ct);
        using var onB = await pool.LeaseAsync(ct);

        var waiting = pool.LeaseAsync(ct);
        await Task.Delay(50, ct);
        waiting.IsCompleted.ShouldBeFalse();
        onA.Dispose();
        using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(5), ct);

        next.Endpoint.ShouldBe(s_a);
        pool.Stats.Select(s => (s.Served, s.MostAtOnce)).ShouldBe([(2, 1), (1, 1)]);
    }

    [Fact]
    public async Task LeaseAsync_Waiting_IsServedFirstComeFirstServed()
    {
        using var pool = Pool((s_a, 1));
        var ct = TestContext.Current.CancellationToken;
        var held = await pool.LeaseAsync(ct);
        var first = pool.LeaseAsync(ct);
        var second = pool.LeaseAsync(ct);

        held.Dispose();
        using (await first.WaitAsync(TimeSpan.FromSeconds(5), ct))
        {
            second.IsCompleted.ShouldBeFalse();
        }

        (await second.WaitAsync(TimeSpan.FromSeconds(5), ct)).Dispose();
    }

    [Fact]
    public async Task LeaseAsync_CancelledWhileWaiting_ThrowsAndTakesNoSlot()
    {
        using var pool = Pool((s_a, 1));
        var ct = TestContext.Current.CancellationToken;
        var held = await pool.LeaseAsync(ct);
        using var cancel = new CancellationTokenSource();

        var waiting = pool.LeaseAsync(cancel.Token);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        held.Dispose();
        using var next = await pool.LeaseAsync(ct).WaitAsync(TimeSpan.FromSeconds(5), ct);

        pool.Stats.ShouldHaveSingleItem().ShouldBe(new EngineStats(s_a, 1, 2, 1), "the cancelled wait served nothing, and a lease given back twice counts once");
        await Should.ThrowAsync<OperationCanceledException>(() => pool.LeaseAsync(cancel.Token));
    }

    [Fact]
    public void Stats_ToString_IsOneLineAnEngine()
    {
        new EngineStats(s_b, 4, 3, 2).ToString().ShouldBe("tcp://10.0.0.7:2376: 3 targets, at most 2 at once (limit 4)");
        new EngineStats(s_a, int.MaxValue, 1, 1).ToString().ShouldBe("unix:///run/a.sock: 1 target, at most 1 at once (no limit)");
    }

    private static EnginePool Pool(params (Uri Endpoint, int Limit)[] engines) =>
        new([.. engines.Select(e => new EngineEntry(e.Endpoint, e.Limit))], configured: true, _ => throw new InvalidOperationException("the lease contacts no engine"));
}
