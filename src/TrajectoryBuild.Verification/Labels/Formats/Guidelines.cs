using System.Globalization;
using System.Text;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>The annotator guidelines of <see cref="Axes"/> as text, for every tool's instructions.</summary>
internal static class Guidelines
{
    /// <summary>The question and each level of <paramref name="axis"/>, one line each.</summary>
    public static string Describe(AxisDefinition axis)
    {
        var text = new StringBuilder(axis.Question);
        foreach (var level in axis.Levels)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{level.Value} ({level.Label}): {level.Guideline}");
        }

        return text.ToString();
    }

    /// <summary>All the guidelines as Markdown.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Scoring reasoning turns (guidelines v{Axes.GuidelinesVersion})\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Score each turn on five axes, {Axes.Min} (worst) to {Axes.Max} (best); for unsafe_edits {Axes.Max} means safe. Leave an axis unscored rather than guess.\n");
        foreach (var axis in Axes.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {axis.Title} (`{axis.Name}`)\n\n{axis.Question}\n\n");
            foreach (var level in axis.Levels)
            {
                text.Append(CultureInfo.InvariantCulture, $"- **{level.Value} {level.Label}**: {level.Guideline}\n");
            }
        }

        return text.ToString();
    }
}
