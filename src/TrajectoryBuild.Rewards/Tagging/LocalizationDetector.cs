using TrajectoryBuild.Verification.Gate;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>3. Localization: the patch changes files, and none of them is a file the gold patch changes.</summary>
internal static class LocalizationDetector
{
    public static DetectorFinding? Detect(TaggingContext context)
    {
        var gold = context.Facts.GoldFiles;
        var patched = TurnActions.PatchedFiles(context.Trajectory.Patch);
        if (gold.Count == 0 || patched.Count == 0 || patched.Any(gold.Contains))
        {
            return null;
        }

        return TaggingContext.Finding(FailureClass.Localization,
        [
            $"the patch changes {List(patched)}",
            $"the gold patch changes {List(gold.Order(StringComparer.Ordinal))}",
        ]);
    }

    private static string List(IEnumerable<string> files)
    {
        var all = files.ToList();
        return all.Count <= 5 ? string.Join(", ", all) : $"{string.Join(", ", all.Take(5))} and {all.Count - 5} more";
    }
}
