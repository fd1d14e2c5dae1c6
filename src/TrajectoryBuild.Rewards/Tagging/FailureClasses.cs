namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>The stable <c>snake_case</c> names of the failure classes, used in files, reports and annotations.</summary>
public static class FailureClasses
{
    private static readonly string[] s_names =
    [
        "context_overflow",
        "tool_use_loop",
        "localization",
        "broken_implementation",
        "incomplete_verification",
        "semantic_gap",
    ];

    /// <summary>The name written for infrastructure failures, which are not one of the six classes.</summary>
    public const string Infrastructure = "infrastructure";

    /// <summary>All six classes, in detector order.</summary>
    public static IReadOnlyList<FailureClass> All { get; } = Enum.GetValues<FailureClass>();

    /// <summary>The class's file name, e.g. <c>tool_use_loop</c>.</summary>
    public static string ToName(this FailureClass failureClass) =>
        (int)failureClass >= 0 && (int)failureClass < s_names.Length
            ? s_names[(int)failureClass]
            : throw new ArgumentOutOfRangeException(nameof(failureClass), failureClass, "not a failure class");

    /// <summary>Reads a class's file name (case-sensitive); false for anything else, <see cref="Infrastructure"/> included.</summary>
    public static bool TryParse(string? name, out FailureClass failureClass)
    {
        var index = Array.IndexOf(s_names, name);
        failureClass = index < 0 ? default : (FailureClass)index;
        return index >= 0;
    }
}
