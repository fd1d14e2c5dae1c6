using System.Text.Json.Nodes;
using TrajectoryBuild.Rewards.Tagging;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

public sealed class TaggingOptionsTests
{
    [Fact]
    public void FromManifest_NoSection_IsTheDefaults() =>
        TaggingOptions.FromManifest(null).ShouldBe(new TaggingOptions { Version = 1, ContextRatio = 0.9, LoopRepeats = 3, MaxStepsRatio = 0.9, EditFailureRatio = 0.5 });

    [Fact]
    public void FromManifest_Thresholds_AreRead()
    {
        var taxonomy = JsonNode.Parse("""{"version": 2, "thresholds": {"context_ratio": 1, "loop_repeats": 4, "max_steps_ratio": 0.8, "edit_failure_ratio": 0.25}}""")!.AsObject();

        TaggingOptions.FromManifest(taxonomy).ShouldBe(TaggingOptions.Default with { Version = 2, ContextRatio = 1, LoopRepeats = 4, MaxStepsRatio = 0.8, EditFailureRatio = 0.25 });
    }

    [Fact]
    public void FromManifest_IntegersAsTheManifestLoaderStoresThem_AreRead()
    {
        var taxonomy = new JsonObject { ["version"] = 2L, ["thresholds"] = new JsonObject { ["loop_repeats"] = 4L, ["context_ratio"] = 1L } };

        TaggingOptions.FromManifest(taxonomy).ShouldBe(TaggingOptions.Default with { Version = 2, ContextRatio = 1, LoopRepeats = 4 });
    }

    [Fact]
    public void FromManifest_InvalidValues_AreAllListedAtOnce()
    {
        var taxonomy = JsonNode.Parse("""{"version": 0, "thresholds": {"context_ratio": 1.5, "loop_repeats": 2.5, "edit_failure_ratio": "half"}}""")!.AsObject();

        var error = Should.Throw<ArgumentException>(() => TaggingOptions.FromManifest(taxonomy));

        error.Message.ShouldStartWith(
            "taxonomy: loop_repeats must be a whole number, not 2.5; edit_failure_ratio must be a number, not \"half\"; "
            + "version must be at least 1, not 0; context_ratio must be in (0, 1], not 1.5");
    }

    [Fact]
    public void Tag_InvalidOptions_Throws() =>
        Should.Throw<ArgumentException>(() => FailureTagger.Tag(
            Steps.Facts(Steps.Of(null), Steps.Unresolved()), TaggingOptions.Default with { Encoding = "nope" }));

    [Fact]
    public void Names_AreStableSnakeCase()
    {
        FailureClasses.All.Select(c => c.ToName()).ShouldBe(
            ["context_overflow", "tool_use_loop", "localization", "broken_implementation", "incomplete_verification", "semantic_gap"]);
        FailureClasses.TryParse("semantic_gap", out var parsed).ShouldBeTrue();
        parsed.ShouldBe(FailureClass.SemanticGap);
        FailureClasses.TryParse(FailureClasses.Infrastructure, out _).ShouldBeFalse();
    }
}
