using TrajectoryBuild.Manifest;

namespace TrajectoryBuild.Tests.Manifest;

/// What every load of a bad manifest must give: a document or errors, never both, and each error located.
internal static class ManifestChecks
{
    /// <summary>
    /// A document with no errors, or no document and errors that each render as <c>file:line:column: error: message</c>
    /// with a line and column inside the text (<paramref name="lines"/> lines; one more for an error at its very end).
    /// </summary>
    public static void WellFormed(ManifestLoadResult result, string file, int lines, string because)
    {
        (result.Document is null).ShouldBe(result.Errors.Count > 0, because);
        foreach (var error in result.Errors)
        {
            var shown = error.ToString();
            error.File.ShouldBe(file, because);
            error.Line.ShouldBeInRange(1, lines + 1, $"{because}: {shown}");
            error.Column.ShouldBeGreaterThanOrEqualTo(1, $"{because}: {shown}");
            error.Message.ShouldNotBeNullOrWhiteSpace(because);
            shown.ShouldStartWith($"{file}:{error.Line}:{error.Column}: error: {error.Message}", Case.Sensitive, because);
        }
    }

    /// <summary>Refused, with at least one error between lines <paramref name="first"/> and <paramref name="last"/>.</summary>
    public static void RefusedAt(ManifestLoadResult result, int first, int last, string because)
    {
        result.Document.ShouldBeNull(because);
        result.Errors.ShouldContain(
            error => error.Line >= first && error.Line <= last,
            $"{because}: expected an error on lines {first}-{last}, got:\n{string.Join('\n', result.Errors)}");
    }

    /// <summary>The number of lines of <paramref name="text"/> (a last line without a line break counts).</summary>
    public static int LineCount(string text) => text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1);
}
