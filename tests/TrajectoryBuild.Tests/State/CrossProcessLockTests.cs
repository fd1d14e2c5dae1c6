using TrajectoryBuild.State;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.State;

public sealed class CrossProcessLockTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AcquireAsync_HeldByAnotherHolder_WaitsUntilTheTimeout()
    {
        var path = _temp.Combine("locks", "key");
        await using var held = await CrossProcessLock.AcquireAsync(path, TestContext.Current.CancellationToken);
        var waited = false;

        var wait = await Should.ThrowAsync<TimeoutException>(() => CrossProcessLock.AcquireAsync(path, TimeSpan.FromMilliseconds(300), () => waited = true, TestContext.Current.CancellationToken));

        wait.Message.ShouldContain("is still locked by another build");
        waited.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_LockFileThatCannotBeCreated_FailsAtOnceInsteadOfWaitingForever()
    {
        // As on a full disk (ENOSPC when the lock file is created): an error that waiting does not cure.
        var path = _temp.Combine("locks", new string('k', 300));

        var acquire = CrossProcessLock.AcquireAsync(path, TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(acquire, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        finished.ShouldBe(acquire, "it must fail, not retry forever");
        (await Should.ThrowAsync<IOException>(acquire)).Message.ShouldContain("too long");
    }
}
