using TrajectoryBuild.Explain;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Testing.Stages;

namespace TrajectoryBuild.Tests.Scheduling;

/// <summary>
/// Planning repeats a round only while an output some stage asked for and did not get has appeared since: a round
/// with nothing new to read would declare the same targets again, and at 100,000 tasks a round costs seconds. The
/// stages of a round declare at the same time, and fail as if one after the other.
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

    [Fact]
    public async Task Plan_StagesOfARound_DeclareAtTheSameTime()
    {
        // Each waits until the other has started: planned one after the other, the first would wait in vain.
        using var bothStarted = new Barrier(2);
        var first = new WaitingStage("First", bothStarted);
        var second = new WaitingStage("Second", bothStarted);

        var plan = await Engine(first, second).PlanAsync(TestContext.Current.CancellationToken);

        plan.Targets.Select(t => t.TargetId).ShouldBe(["First/one", "Second/one"]);
        (first.MetTheOther, second.MetTheOther).ShouldBe((true, true));
    }

    [Fact]
    public async Task Plan_TwoStagesFail_ReportsTheEarlierStagesFailureAsPlanningInOrderWould()
    {
        var engine = Engine(new FailingStage("First", "the first stage's failure"), new FailingStage("Second", "the second stage's failure"));

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => engine.PlanAsync(TestContext.Current.CancellationToken));

        failure.Message.ShouldBe("the first stage's failure");
    }

    private BuildEngine Engine(params IStage[] stages)
    {
        s_manifest.WriteTo(_fixture.Root);
        return new BuildEngine(new Pipeline(stages), s_manifest.Document(_fixture.ManifestPath), _fixture.Options);
    }

    // Declares one target once another stage of the round has started planning too (or after 10 s, having met none).
    private sealed class WaitingStage(string name, Barrier bothStarted) : IStage
    {
        public bool MetTheOther { get; private set; }

        public string Name => name;

        public int Version => 1;

        public StageRole Role => StageRole.Produce;

        public StagePlan Plan(PlanContext context)
        {
            MetTheOther = bothStarted.SignalAndWait(TimeSpan.FromSeconds(10));
            return new StagePlan().Add(new TargetSpec(Name, "one"));
        }

        public Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // Fails to plan, the later of two after a while, so that planned at once it fails first.
    private sealed class FailingStage(string name, string message) : IStage
    {
        public string Name => name;

        public int Version => 1;

        public StageRole Role => StageRole.Produce;

        public StagePlan Plan(PlanContext context)
        {
            if (name == "First")
            {
                Thread.Sleep(200);
            }

            throw new InvalidOperationException(message);
        }

        public Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken) => Task.CompletedTask;
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
