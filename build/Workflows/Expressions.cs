namespace Build.Workflows;

/// <summary>GitHub Actions expressions. They go in <c>env:</c>, <c>if:</c> and <c>with:</c>, never into a <c>run:</c> script.</summary>
internal static class Expressions
{
    public static string Of(string expression) => "${{ " + expression + " }}";

    public static string Variable(string name) => Of($"vars.{name}");

    public static string Secret(string name) => Of($"secrets.{name}");

    /// <summary>A string literal inside an expression.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public const string IsPullRequest = "github.event_name == 'pull_request'";

    public const string IsNotPullRequest = "github.event_name != 'pull_request'";
}
