namespace TrajectoryBuild.Annotation.Web;

/// <summary>Authorization policy names; each route group requires one (and every route a signed-in user).</summary>
internal static class Policies
{
    public const string Annotate = "annotate";
    public const string Review = "review";
    public const string Admin = "admin";
}
