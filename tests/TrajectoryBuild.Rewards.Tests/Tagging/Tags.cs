using TrajectoryBuild.Rewards.Tagging;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

/// <summary>Helpers for the tagging tests: a one-file patch, and tagging with the default thresholds.</summary>
internal static class Tags
{
    public static string Patch(string path) =>
        $"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-old\n+new\n";

    public static FailureTag Of(TrajectoryFacts facts, TaggingOptions? options = null) =>
        FailureTagger.Tag(facts, options ?? TaggingOptions.Default).ShouldNotBeNull();

    public static IEnumerable<string> Detectors(FailureTag tag) => tag.Fired.Select(f => f.Detector);
}
