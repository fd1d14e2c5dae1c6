using System.Globalization;
using System.Text;

namespace TrajectoryBuild.Packaging.Release;

/// <summary>
/// Release notes in Markdown: one section per release (also the annotated tag's message), and a dataset's
/// <c>CHANGELOG.md</c> made of every release's section, newest first. Long lists stop after
/// <see cref="MaxListed"/> items and point at the release file, which lists all.
/// </summary>
public static class ReleaseNotes
{
    /// <summary>Items listed per kind of change before the list is cut short.</summary>
    public const int MaxListed = 50;

    /// <summary>The dataset's changelog file name.</summary>
    public const string ChangelogFileName = "CHANGELOG.md";

    private static readonly Dictionary<string, string> s_causes = new(StringComparer.Ordinal)
    {
        ["new"] = "new",
        ["gone"] = "no longer built",
        ["accepted"] = "now accepted by verification",
        ["rejected"] = "now rejected by verification",
        ["commit"] = "new commit",
        ["image"] = "new image",
        ["verifier"] = "new verifier",
        ["trajectory"] = "new trajectory",
        ["labels"] = "new labels",
        ["evaluation"] = "new evaluation",
        ["verdict"] = "new verdict (gate or threshold)",
        ["reward"] = "new rewards (reward rules)",
        ["failure_tag"] = "new failure tag (taxonomy)",
    };

    /// <summary>The section of one release.</summary>
    /// <param name="release">The release.</param>
    /// <param name="releaseFile">The release file's path as the reader sees it (where the full lists are).</param>
    /// <returns>Markdown, ending with a newline.</returns>
    public static string Section(ReleaseRecord release, string releaseFile)
    {
        ArgumentNullException.ThrowIfNull(release);
        var log = release.Changelog;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## {release.Dataset} {release.Version}\n\n");
        var bytes = release.Files.Sum(f => f.Bytes);
        if (log.Against is null)
        {
            text.Append(CultureInfo.InvariantCulture, $"First release: {Count(log.Tasks, "task")}, {Count(log.Trajectories, "trajectory")} in the corpora.");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"Against {log.Against}: {Count(log.Tasks, "task")} ({Summary(log.TaskChanges)}), ");
            text.Append(CultureInfo.InvariantCulture, $"{Count(log.Trajectories, "trajectory")} in the corpora ({Summary(log.TrajectoryChanges)}).");
        }

        text.Append(CultureInfo.InvariantCulture, $" {Count(release.Files.Count, "file")}, {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes; tag `{release.Tag}`.\n");
        Changes(text, "Tasks", log.TaskChanges, releaseFile);
        Changes(text, "Trajectories", log.TrajectoryChanges, releaseFile);
        return text.ToString();
    }

    /// <summary>A dataset's changelog: every release's section, newest (by semantic version) first.</summary>
    /// <param name="dataset">The dataset name.</param>
    /// <param name="releases">Its releases with the path of each release file.</param>
    /// <returns>The file's text.</returns>
    public static string Changelog(string dataset, IEnumerable<(ReleaseRecord Release, string File)> releases)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Changelog of dataset {dataset}\n\n");
        text.Append("Written by `trajbuild release` from the release files beside it; each release lists the tasks and trajectories ");
        text.Append("it added, removed or changed, with the cause.\n");
        foreach (var (release, file) in releases.OrderByDescending(r => SemanticVersion.Parse(r.Release.Version)))
        {
            text.Append('\n').Append(Section(release, file));
        }

        return text.ToString();
    }

    /// <summary>How a list of cause codes reads.</summary>
    /// <param name="causes">The codes.</param>
    /// <returns>E.g. <c>new commit, new image</c>.</returns>
    public static string Describe(IEnumerable<string> causes) =>
        string.Join(", ", (causes ?? throw new ArgumentNullException(nameof(causes))).Select(c => s_causes.GetValueOrDefault(c, c)));

    private static void Changes(StringBuilder text, string title, ChangeSet changes, string releaseFile)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"\n### {title}\n\n");
        foreach (var (verb, list) in new[] { ("added", changes.Added), ("removed", changes.Removed), ("changed", changes.Changed) })
        {
            foreach (var change in list.Take(MaxListed))
            {
                var detail = change.Detail is null ? string.Empty : $": {change.Detail}";
                text.Append(CultureInfo.InvariantCulture, $"- {verb} `{change.Id}`: {Describe(change.Causes)}{detail}\n");
            }

            if (list.Count > MaxListed)
            {
                text.Append(CultureInfo.InvariantCulture, $"- ... and {list.Count - MaxListed} more {verb} ({releaseFile} lists all)\n");
            }
        }
    }

    private static string Summary(ChangeSet changes) =>
        $"{changes.Added.Count} added, {changes.Removed.Count} removed, {changes.Changed.Count} changed";

    private static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun.EndsWith('y') ? noun[..^1] + "ies" : noun + "s");
}
