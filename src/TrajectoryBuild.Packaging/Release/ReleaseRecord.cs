using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Release;

/// <summary>One file of a release: its path in the package, SHA-256 and size.</summary>
/// <param name="Path">The path, with <c>/</c> separators (e.g. <c>data/sharegpt/train-00000-of-00001.jsonl</c>).</param>
/// <param name="Sha256">Lowercase hex SHA-256.</param>
/// <param name="Bytes">Size in bytes.</param>
public sealed record ReleaseFile(string Path, string Sha256, long Bytes);

/// <summary>
/// <c>releases/&lt;dataset&gt;/&lt;version&gt;.json</c>: what a released version is. The package's files with their
/// digests, the lock entries of the dataset's report targets and environments (the package key pins everything
/// upstream of it), and the changelog against the previous release. Beside it, <c>&lt;version&gt;.records.jsonl</c>
/// keeps the package's ledger, which the next release compares against. No timestamps: the same build gives the
/// same bytes.
/// </summary>
/// <param name="Dataset">The dataset name.</param>
/// <param name="Version">The version.</param>
/// <param name="Tag">The git tag.</param>
/// <param name="PackageTarget">The package target, e.g. <c>Package/dataset/demo</c>.</param>
/// <param name="PackageKey">Its key.</param>
/// <param name="Files">The package's files, ordered by path.</param>
/// <param name="Lock">The lock excerpt: target id to <c>{key, outputs}</c>, ordered by id.</param>
/// <param name="Changelog">The changelog against the previous release.</param>
public sealed record ReleaseRecord(
    string Dataset,
    string Version,
    string Tag,
    string PackageTarget,
    string PackageKey,
    IReadOnlyList<ReleaseFile> Files,
    JsonObject Lock,
    ReleaseChangelog Changelog)
{
    /// <summary>The format version of release files.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The release file's name in its dataset's folder.</summary>
    /// <param name="version">The version.</param>
    /// <returns>E.g. <c>1.2.0.json</c>.</returns>
    public static string FileName(string version) => $"{version}.json";

    /// <summary>The ledger's name beside the release file.</summary>
    /// <param name="version">The version.</param>
    /// <returns>E.g. <c>1.2.0.records.jsonl</c>.</returns>
    public static string LedgerFileName(string version) => $"{version}.records.jsonl";

    /// <summary>The release file's text: indented JSON, LF line ends, a final newline.</summary>
    /// <returns>The text.</returns>
    public string Render()
    {
        var json = new JsonObject
        {
            ["format"] = FormatVersion,
            ["dataset"] = Dataset,
            ["version"] = Version,
            ["tag"] = Tag,
            ["package"] = new JsonObject { ["target"] = PackageTarget, ["key"] = PackageKey },
            ["files"] = new JsonArray([.. Files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Path,
                ["sha256"] = f.Sha256,
                ["bytes"] = f.Bytes,
            })]),
            ["lock"] = new JsonObject(Lock.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            ["changelog"] = Changelog.ToJson(),
        };
        return json.ToJsonString(s_indented).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Reads a release file.</summary>
    /// <param name="text">Its text.</param>
    /// <param name="source">Its path, for errors.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">It is not a release file this version reads; the message says which field.</exception>
    public static ReleaseRecord Read(string text, string source)
    {
        try
        {
            var json = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("expected a JSON object");
            var format = json["format"]?.GetValue<int>();
            if (format != FormatVersion)
            {
                throw new FormatException($"format {format?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(missing)"} is not {FormatVersion}; a newer trajbuild wrote it");
            }

            return new ReleaseRecord(
                json["dataset"]!.GetValue<string>(),
                json["version"]!.GetValue<string>(),
                json["tag"]!.GetValue<string>(),
                json["package"]!["target"]!.GetValue<string>(),
                json["package"]!["key"]!.GetValue<string>(),
                [.. json["files"]!.AsArray().Select(f => new ReleaseFile(f!["path"]!.GetValue<string>(), f["sha256"]!.GetValue<string>(), f["bytes"]!.GetValue<long>()))],
                json["lock"]!.AsObject().DeepClone().AsObject(),
                ReleaseChangelog.FromJson(json["changelog"]!));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new FormatException($"{source}: not a release file: {e.Message}", e);
        }
    }
}
