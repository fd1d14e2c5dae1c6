using TrajectoryBuild.Explain;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Testing.Stages;

namespace TrajectoryBuild.Tests.Scheduling;

/// <summary>
/// Planning repeats a round only while an output some stage asked for and did not get has appeared since: a round
/// with nothing new to read would declare the same targets again, and at 100,000 tasks a round costs seconds.
/// </summary>
public sealed class PlanRoundsTests : IDisposable
{
    private static readonly TestManifest s_manifest = new();
    private readonly BuildFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task PlanAndBuild_NoStageReadsOutputs_PlanEachStageOnce()
    {
        var collect = new CountingStage(new CollectStage(new TestStageOptions()));
        var engine = Engine(collect);

        var plan = await engine.PlanAsync(TestContext.Current.CancellationToken);
        collect.PlanCalls.ShouldBe(1);
        var report = await engine.BuildAsync(TestContext.Current.CancellationToken);
        collect.PlanCalls.ShouldBe(2);
        await engine.PlanAsync(TestContext.Current.CancellationToken);

        plan.Targets.Select(t => t.TargetId).ShouldBe(["Collect/local-demo"]);
        report.ExecutedCount.ShouldBe(1);
        collect.PlanCalls.ShouldBe(3);
    }

    [Fact]
    public async Task Plan_StagesReadingUpstreamOutputs_RoundsUntilNothingNewCanBeRead()
    {
        var options = new TestStageOptions();
        await _fixture.BuildAsync(s_manifest, stages: options);
        var stages = TestPipeline.Create(options).Stages.Select(s => new CountingStage(s)).ToList();

        var plan = await Engine([.. stages]).PlanAsync(TestContext.Current.CancellationToken);

        // Round 1 lists Collect (Checkout waits for its task list); round 2 lists the rest, whose planning reads only
        // outputs that round 2 found, so no third round.
        plan.Targets.Count.ShouldBe(8);
        plan.Targets.ShouldAllBe(t => t.Status == TargetStatus.Fresh);
        plan.Pending.ShouldBeEmpty();
        stages.Select(s => s.PlanCalls).ShouldAllBe(calls => calls == 2);
    }

    private BuildEngine Engine(params IStage[] stages)
    {
        s_manifest.WriteTo(_fixture.Root);
        return new BuildEngine(new Pipeline(stages), s_manifest.Document(_fixture.ManifestPath), _fixture.Options);
    }

    private sealed class CountingStage(IStage inner) : IStage
    {
        private int _planCalls;

        public int PlanCalls => Volatile.Read(ref _planCalls);

        public string Name => inner.Name;

        public int Version => inner.Version;

        public StageRole Role => inner.Role;

        public StagePlan Plan(PlanContext context)
        {
            Interlocked.Increment(ref _planCalls);
            return inner.Plan(context);
        }

        public Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken) => inner.ExecuteAsync(context, cancellationToken);
    }
}
