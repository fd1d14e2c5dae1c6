using System.Globalization;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests.Reliability;

/// <summary>
/// Three real trajbuild-test processes at once on one workspace and one cache, in seeded rounds (jobs, per-target
/// delays and start offsets vary): each target runs once across them, all three succeed, and the lock and outputs are
/// those of a single build, byte for byte, with every cache entry complete.
/// </summary>
public sealed class ConcurrentBuildTests : IDisposable
{
    private const int Seed = 11;
    private const int Rounds = 3;
    private const int Processes = 3;
    private const int TargetCount = TestBuildProcesses.SixTaskTargets;
    private static readonly TestManifest s_manifest = TestBuildProcesses.SixTasks;
    private readonly TempDirectory _temp = new();
    private readonly TestBuildProcesses _builds;

    public ConcurrentBuildTests() => _builds = new TestBuildProcesses(_temp, s_manifest, paddingKb: 64);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_ThreeProcessesOnOneWorkspaceAndCache_RunEachTargetOnce_AndEndLikeOneBuild()
    {
        await _builds.ReferenceAsync();
        using var row = ReliabilityRecord.Start(
            "Concurrency",
            $"{Processes} real trajbuild processes at once on one workspace and cache (seed {Seed}: 1-2 jobs, 0-30 ms per target, started 0-100 ms apart), {Rounds} rounds");
        var random = new Random(Seed);
        for (var round = 0; round < Rounds; round++)
        {
            var workspace = _builds.Workspace($"shared-{round}");
            var trace = _temp.Combine($"trace-shared-{round}");
            var children = new List<ChildProcess>();
            try
            {
                for (var p = 0; p < Processes; p++)
                {
                    await Task.Delay(random.Next(100), TestContext.Current.CancellationToken);
                    children.Add(_builds.Start(workspace, trace, random.Next(31), "--jobs", (1 + random.Next(2)).ToString(CultureInfo.InvariantCulture)));
                }

                var codes = await Task.WhenAll(children.Select(c => c.WaitAsync(TestBuildProcesses.Timeout)));
                codes.ShouldAllBe(c => c == 0, string.Join("\n", children.Select(c => c.Stdout + c.Stderr)));
            }
            finally
            {
                children.ForEach(c => c.Dispose());
            }

            var executions = TestBuildProcesses.Executions(trace);
            executions.ShouldBeUnique($"round {round}: a target ran twice");
            executions.Count.ShouldBe(TargetCount, $"round {round}");
            CacheConsistency.CompleteTargets(Path.Combine(workspace, ".trajbuild", "cache")).Count.ShouldBe(TargetCount);
            await _builds.ShouldMatchReferenceAsync(workspace, context: $"round {round}");
            row.Case();
        }

        row.Passed("all succeeded; each target ran once across the processes (a per-key file lock), the lock file merged, and lock and outputs "
            + "matched a single build byte for byte with every cache entry complete");
    }
}
