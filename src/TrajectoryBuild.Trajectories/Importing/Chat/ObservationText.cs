using System.Globalization;

namespace TrajectoryBuild.Trajectories.Importing.Chat;

/// What OpenHands and SWE-agent write into tool-result text: the rendered-observation prefixes and the exit-code footer.
internal static class ObservationText
{
    private const string ExitFooter = "[The command completed with exit code ";

    /// Whether a user message is a text-rendered tool result (SWE-agent/SWE-smith <c>OBSERVATION:</c>, OpenHands <c>EXECUTION RESULT of [tool]:</c>).
    public static bool IsRendered(string content) =>
        content.StartsWith("OBSERVATION:", StringComparison.Ordinal) || content.StartsWith("EXECUTION RESULT of [", StringComparison.Ordinal);

    /// The exit code from OpenHands' footer <c>[The command completed with exit code N.]</c> at the end, or null.
    public static int? ExitCode(string content)
    {
        var tail = content.AsSpan().TrimEnd();
        if (!tail.EndsWith(".]", StringComparison.Ordinal))
        {
            return null;
        }

        var start = tail.LastIndexOf(ExitFooter, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var number = tail[(start + ExitFooter.Length)..^2];
        return int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null;
    }
}
