namespace TrajectoryBuild.Packaging.Output;

/// <summary>Builds the resolved dependencies of a release's provenance.</summary>
public static class Dependencies
{
    /// <summary>
    /// The dependencies every record names: repository commits (<c>git+https://github.com/o/r@sha</c>, digest
    /// <c>gitCommit</c>), image digests, verifier digests, scaffold and model versions; deduplicated, ordered by uri then name.
    /// </summary>
    /// <param name="records">The records' provenance.</param>
    /// <returns>The dependencies.</returns>
    public static IReadOnlyList<ResourceDescriptor> FromRecords(IEnumerable<RecordProvenance> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        var result = new List<ResourceDescriptor>();
        result.AddRange(list.Select(r => (r.Repo, r.Commit)).Distinct().Select(c => new ResourceDescriptor(
            c.Repo, $"git+https://github.com/{c.Repo}@{c.Commit}", Digest("gitCommit", c.Commit), Kind("repository-commit"))));
        result.AddRange(list.Where(r => !string.IsNullOrEmpty(r.ImageDigest)).GroupBy(r => Hex(r.ImageDigest)).Select(g => new ResourceDescriptor(
            $"image:{string.Join(",", g.Select(r => r.TaskId).Distinct().Order(StringComparer.Ordinal))}", null, Digest("sha256", g.Key), Kind("image"))));
        result.AddRange(list.Where(r => !string.IsNullOrEmpty(r.VerifierDigest)).GroupBy(r => Hex(r.VerifierDigest)).Select(g => new ResourceDescriptor(
            $"verifier:{string.Join(",", g.Select(r => r.TaskId).Distinct().Order(StringComparer.Ordinal))}", null, Digest("sha256", g.Key), Kind("verifier"))));
        result.AddRange(list.Select(r => r.Scaffold).Distinct().Select(s => Named("scaffold", s)));
        result.AddRange(list.Select(r => r.Model).Distinct().Select(m => Named("model", m)));
        return Sort(result);
    }

    /// <summary>A source snapshot (e.g. the stored GitHub answers or a SWE-bench file) by its SHA-256.</summary>
    /// <param name="name">The source name from the manifest.</param>
    /// <param name="sha256">Its snapshot digest (hex, optionally <c>sha256:</c>-prefixed).</param>
    /// <param name="uri">Where it came from, if known.</param>
    /// <returns>The descriptor.</returns>
    public static ResourceDescriptor SourceSnapshot(string name, string sha256, string? uri = null) =>
        new(name, uri, Digest("sha256", Hex(sha256)), Kind("source-snapshot"));

    /// <summary>The annotation export the human labels came from, by its SHA-256.</summary>
    /// <param name="name">The export's file name.</param>
    /// <param name="sha256">Its digest (hex, optionally <c>sha256:</c>-prefixed).</param>
    /// <returns>The descriptor.</returns>
    public static ResourceDescriptor AnnotationExport(string name, string sha256) =>
        new(name, null, Digest("sha256", Hex(sha256)), Kind("annotation-export"));

    /// <summary>Orders descriptors by uri, then name, then digest, so the statement is deterministic.</summary>
    /// <param name="descriptors">The descriptors.</param>
    /// <returns>The ordered list.</returns>
    public static IReadOnlyList<ResourceDescriptor> Sort(IEnumerable<ResourceDescriptor> descriptors) =>
        [.. descriptors.OrderBy(d => d.Uri ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Name ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Digest is null ? string.Empty : string.Join(",", d.Digest.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + p.Value)), StringComparer.Ordinal)];

    /// <summary>Strips an <c>algorithm:</c> prefix and lowercases a hex digest.</summary>
    /// <param name="digest">The digest, e.g. <c>sha256:ABC...</c>.</param>
    /// <returns>The lowercase hex part.</returns>
    public static string Hex(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? digest[(colon + 1)..] : digest).ToLowerInvariant();
    }

    private static ResourceDescriptor Named(string kind, string nameAndVersion)
    {
        var at = nameAndVersion.LastIndexOf('@');
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = kind, ["name"] = at > 0 ? nameAndVersion[..at] : nameAndVersion };
        if (at > 0)
        {
            annotations["version"] = nameAndVersion[(at + 1)..];
        }

        return new ResourceDescriptor(nameAndVersion, $"urn:trajectorybuild:{kind}:{Uri.EscapeDataString(nameAndVersion)}", null, annotations);
    }

    private static Dictionary<string, string> Digest(string algorithm, string hex) => new(StringComparer.Ordinal) { [algorithm] = hex.ToLowerInvariant() };

    private static Dictionary<string, string> Kind(string kind) => new(StringComparer.Ordinal) { ["kind"] = kind };
}
