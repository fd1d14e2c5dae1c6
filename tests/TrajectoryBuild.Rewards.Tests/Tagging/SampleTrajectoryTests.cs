using TrajectoryBuild.Rewards.Tagging;
using TrajectoryBuild.Trajectories.Model;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

/// <summary>Real trajectories (Data/tagging/), imported as Capture imports them, with hand-written evaluation facts.</summary>
public sealed class SampleTrajectoryTests
{
    private static Trajectory Plumbum() => Samples.Import("B_nebius_swe_agent_trajectories_row.json", "nebius-swe-agent");

    [Fact]
    public void Tag_NebiusRowCheckedByImportOnly_IsIncompleteVerification()
    {
        var tag = Tags.Of(Facts(Plumbum(), Unresolved(), "plumbum/cli/image.py"));

        tag.Class.ShouldBe(FailureClass.IncompleteVerification);
        tag.Evidence.ShouldBe(["no test run after the last edit (step 3: `edit 5:5 import plumbum.cli as cli end_of_edit`)"]);
    }

    [Fact]
    public void Tag_NebiusRowAgainstOtherGoldFiles_IsLocalization() =>
        Tags.Of(Facts(Plumbum(), Unresolved(), "plumbum/cli/termsize.py")).Evidence
            .ShouldBe(["the patch changes plumbum/cli/image.py", "the gold patch changes plumbum/cli/termsize.py"]);

    [Fact]
    public void Tag_NebiusRowInASmallWindow_IsContextOverflowCountedWithTheTokenizer()
    {
        var trajectory = Plumbum();
        var tokens = TokenCounter.Default.Count(trajectory.Prompt.Concat(trajectory.Steps.SelectMany(Conversation.MessagesOf)));

        var tag = Tags.Of(Facts(trajectory, Unresolved(), "plumbum/cli/image.py") with { ContextWindow = 4096 });

        tokens.ShouldBeInRange(3700, 8000);
        tag.Evidence.ShouldBe([$"the input after step 5 (the last): {tokens} tokens of a 4096-token window ({tokens / 4096.0:0.000} >= 0.9), o200k_base, reconstructed conversation"]);
    }

    [Fact]
    public void Tag_NebiusRowWithItsOpeningRepeated_IsALoop()
    {
        // Derived from the real row: the agent re-runs its first command three times before going on.
        var real = Plumbum();
        var again = Enumerable.Range(0, 3).Select(i => real.Steps[1] with { Index = i + 1 });
        var steps = real.Steps.Take(1).Concat(again).Concat(real.Steps.Skip(2).Select((s, i) => s with { Index = i + 4 })).ToList();

        var tag = Tags.Of(Facts(real with { Steps = steps }, Unresolved(), "plumbum/cli/image.py"));

        tag.Class.ShouldBe(FailureClass.ToolUseLoop);
        tag.Evidence.ShouldBe(["the same action and output 3 times in a row (step 1, step 2, step 3): `find_file \"image.py\" plumbum`"]);
    }

    [Theory]
    [InlineData("B_minisweagent_local_legacy.traj.json", "mini-swe-agent")]
    [InlineData("B_sweagent_function_calling_simple_demo.traj", "swe-agent")]
    [InlineData("B_openhands_trajectory_basic_interactions.json", "openhands")]
    public void Tag_SampleWithoutPatch_IsBrokenImplementation(string file, string format)
    {
        var tag = Tags.Of(Facts(Samples.Import(file, format), Unresolved(), "calc/ops.py"));

        tag.Class.ShouldBe(FailureClass.BrokenImplementation);
        tag.Evidence.ShouldBe(["empty patch (exit status 'none')"]);
    }

    [Fact]
    public void Tag_SweAgentDemo_RanTheScriptAfterItsEdit()
    {
        var tag = Tags.Of(Facts(Samples.Import("B_sweagent_function_calling_simple_demo.traj", "swe-agent"), Unresolved(), "calc/ops.py"));

        Tags.Detectors(tag).ShouldBe(["broken_implementation"]);
    }
}
