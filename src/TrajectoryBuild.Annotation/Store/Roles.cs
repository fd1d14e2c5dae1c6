namespace TrajectoryBuild.Annotation.Store;

/// <summary>The three roles. Admins manage; reviewers adjudicate; annotators label what they are assigned.</summary>
public static class Roles
{
    /// <summary>Manages users, slices, overlap, progress, agreement and export (and may adjudicate).</summary>
    public const string Admin = "admin";

    /// <summary>Sees submitted labels of disagreeing items and picks the final score.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Labels the trajectories assigned to them, and sees only their own labels.</summary>
    public const string Annotator = "annotator";

    /// <summary>Every role, in order of power.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Reviewer, Annotator];

    /// <summary>Whether <paramref name="role"/> is one of <see cref="All"/>.</summary>
    public static bool IsValid(string? role) => role is Admin or Reviewer or Annotator;
}
