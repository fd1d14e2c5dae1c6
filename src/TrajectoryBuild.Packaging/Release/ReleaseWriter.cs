using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Packaging.Output;

namespace TrajectoryBuild.Packaging.Release;

/// <summary>What one dataset's release is made of, gathered from a fresh build.</summary>
/// <param name="Dataset">The dataset name.</param>
/// <param name="Version">The version to release.</param>
/// <param name="Tag">The git tag.</param>
/// <param name="PackageTarget">The package target id.</param>
/// <param name="PackageKey">Its key.</param>
/// <param name="Files">The package's files.</param>
/// <param name="Ledger">The package's <c>records.jsonl</c> text.</param>
/// <param name="Lock">The lock excerpt.</param>
public sealed record ReleaseInputs(
    string Dataset,
    SemanticVersion Version,
    string Tag,
    string PackageTarget,
    string PackageKey,
    IReadOnlyList<ReleaseFile> Files,
    string Ledger,
    JsonObject Lock)
{
    /// <summary>Gathers a dataset's release inputs from its built package target and the lock.</summary>
    /// <param name="dataset">The dataset name.</param>
    /// <param name="version">The version.</param>
    /// <param name="tag">The tag.</param>
    /// <param name="packageKey">The package target's key.</param>
    /// <param name="package">The package target's outputs.</param>
    /// <param name="lockEntries">The lock entries to keep: target id to key and outputs.</param>
    /// <returns>The inputs.</returns>
    public static ReleaseInputs FromPackage(
        string dataset, SemanticVersion version, string tag, string packageKey, TargetOutputs package, IEnumerable<(string Target, string Key, IReadOnlyDictionary<string, string> Outputs)> lockEntries)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(lockEntries);
        var excerpt = new JsonObject();
        foreach (var (target, key, outputs) in lockEntries.OrderBy(e => e.Target, StringComparer.Ordinal))
        {
            excerpt[target] = new JsonObject
            {
                ["key"] = key,
                ["outputs"] = new JsonObject(outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))),
            };
        }

        return new ReleaseInputs(
            dataset,
            version,
            tag,
            package.TargetId,
            packageKey,
            [.. package.Files.Select(f => new ReleaseFile(f.Key, f.Value.Digest, f.Value.Size)).OrderBy(f => f.Path, StringComparer.Ordinal)],
            package.Files.ContainsKey(LedgerEntry.FileName) ? package.ReadAllText(LedgerEntry.FileName) : throw new ReleaseException($"{package.TargetId} has no {LedgerEntry.FileName}; rebuild it with this trajbuild (./build.sh Package)"),
            excerpt);
    }
}

/// <summary>A release checked and computed, ready to write: its inputs, its record and the dataset's earlier releases.</summary>
/// <param name="Inputs">The release inputs.</param>
/// <param name="Release">The release record (with the changelog against the previous release).</param>
/// <param name="Earlier">The dataset's earlier releases with their files, lowest first.</param>
public sealed record ReleasePlan(ReleaseInputs Inputs, ReleaseRecord Release, IReadOnlyList<(ReleaseRecord Release, string File)> Earlier);

/// <summary>
/// Writes a dataset's release files under <c>releases/&lt;dataset&gt;/</c>: the release file, the ledger beside it
/// and the regenerated <c>CHANGELOG.md</c>, with the changelog against the highest earlier version found there.
/// </summary>
public static class ReleaseWriter
{
    /// <summary>The releases folder, beside the manifest.</summary>
    public const string FolderName = "releases";

    /// <summary>The released versions of a dataset found in its folder, lowest first.</summary>
    /// <param name="datasetFolder">The dataset's folder under <c>releases/</c>.</param>
    /// <returns>Each release with its file path.</returns>
    /// <exception cref="ReleaseException">A release file there cannot be read.</exception>
    public static IReadOnlyList<(ReleaseRecord Release, string File)> Existing(string datasetFolder)
    {
        if (!Directory.Exists(datasetFolder))
        {
            return [];
        }

        var releases = new List<(ReleaseRecord, string)>();
        foreach (var file in Directory.EnumerateFiles(datasetFolder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                releases.Add((ReleaseRecord.Read(File.ReadAllText(file), file), file));
            }
            catch (FormatException e)
            {
                throw new ReleaseException($"{e.Message}. Fix or remove it: every file under {datasetFolder} is read as a release.", e);
            }
        }

        return [.. releases.OrderBy(r => SemanticVersion.Parse(r.Item1.Version))];
    }

    /// <summary>The release <paramref name="inputs"/> would make, with the releases before it; nothing is written.</summary>
    /// <param name="root">The folder that holds <c>releases/</c> (the manifest's folder).</param>
    /// <param name="inputs">The release inputs.</param>
    /// <returns>The release, ready for <see cref="Write(string, ReleasePlan)"/>.</returns>
    /// <exception cref="ReleaseException">The version was released already, or the previous ledger cannot be read.</exception>
    public static ReleasePlan Preview(string root, ReleaseInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var folder = Path.Combine(root, FolderName, inputs.Dataset);
        var existing = Existing(folder);
        if (existing.FirstOrDefault(r => SemanticVersion.Parse(r.Release.Version) == inputs.Version) is { File: { } done })
        {
            throw new ReleaseException($"{inputs.Dataset} {inputs.Version} is released already ({Relative(root, done)}): a version is never released twice. Set a higher release.version in the manifest.");
        }

        var ledger = LedgerEntry.Read(inputs.Ledger, $"{inputs.PackageTarget}/{LedgerEntry.FileName}");
        (string, IReadOnlyList<LedgerEntry>)? previous = null;
        if (existing.LastOrDefault(r => SemanticVersion.Parse(r.Release.Version) < inputs.Version) is { Release: { } before, File: { } beforeFile })
        {
            var ledgerPath = Path.Combine(folder, ReleaseRecord.LedgerFileName(before.Version));
            if (!File.Exists(ledgerPath))
            {
                throw new ReleaseException($"{Relative(root, ledgerPath)} is missing: the changelog against {before.Version} ({Relative(root, beforeFile)}) needs it. Restore it from git.");
            }

            previous = (before.Version, LedgerEntry.Read(File.ReadAllText(ledgerPath), ledgerPath));
        }

        var release = new ReleaseRecord(
            inputs.Dataset, inputs.Version.Text, inputs.Tag, inputs.PackageTarget, inputs.PackageKey,
            [.. inputs.Files.OrderBy(f => f.Path, StringComparer.Ordinal)], inputs.Lock, ReleaseChangelog.Compare(previous, ledger));
        return new ReleasePlan(inputs, release, existing);
    }

    /// <summary>Writes the release of <paramref name="inputs"/> and returns the files written, relative to <paramref name="root"/>.</summary>
    /// <param name="root">The folder that holds <c>releases/</c> (the manifest's folder).</param>
    /// <param name="inputs">The release inputs.</param>
    /// <returns>The release record and the written paths (with <c>/</c> separators): the release file first, then its ledger and the changelog.</returns>
    /// <exception cref="ReleaseException">The version was released already, or the previous ledger cannot be read.</exception>
    public static (ReleaseRecord Release, IReadOnlyList<string> Written) Write(string root, ReleaseInputs inputs) => Write(root, Preview(root, inputs));

    /// <summary>Writes a release <see cref="Preview"/> computed and returns the files written, relative to <paramref name="root"/>.</summary>
    /// <param name="root">The folder that holds <c>releases/</c> (the manifest's folder).</param>
    /// <param name="plan">The release.</param>
    /// <returns>The release record and the written paths (with <c>/</c> separators): the release file first, then its ledger and the changelog.</returns>
    public static (ReleaseRecord Release, IReadOnlyList<string> Written) Write(string root, ReleasePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (inputs, release, existing) = plan;
        var folder = Path.Combine(root, FolderName, inputs.Dataset);
        Directory.CreateDirectory(folder);
        var releaseFile = Path.Combine(folder, ReleaseRecord.FileName(inputs.Version.Text));
        var ledgerFile = Path.Combine(folder, ReleaseRecord.LedgerFileName(inputs.Version.Text));
        var changelogFile = Path.Combine(folder, ReleaseNotes.ChangelogFileName);
        WriteText(ledgerFile, inputs.Ledger);
        WriteText(releaseFile, release.Render());
        WriteText(changelogFile, ReleaseNotes.Changelog(inputs.Dataset, [.. existing.Select(r => (r.Release, Relative(root, r.File))), (release, Relative(root, releaseFile))]));
        return (release, [Relative(root, releaseFile), Relative(root, ledgerFile), Relative(root, changelogFile)]);
    }

    private static void WriteText(string path, string text)
    {
        // Written beside and moved into place, so a crash never leaves half a release file.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, new UTF8Encoding(false).GetBytes(text));
        File.Move(temporary, path, overwrite: true);
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
