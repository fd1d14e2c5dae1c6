using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;

namespace TrajectoryBuild.Packaging.Release;

/// <summary>
/// A dataset's <c>release</c> settings: the top-level section, with each key the dataset's own <c>release</c> sets
/// taking its place.
/// </summary>
/// <param name="Version">The version to release (<c>release.version</c>), or null when none is set.</param>
/// <param name="VersionPointer">Where the version is set (a JSON pointer into the manifest), for messages.</param>
/// <param name="TagFormat">The git tag name, with <c>{dataset}</c> and <c>{version}</c> to replace.</param>
/// <param name="Card">The dataset card fields (an empty object when none are set).</param>
public sealed record ReleaseSettings(string? Version, string VersionPointer, string TagFormat, JsonObject Card)
{
    /// <summary>The tag format when the manifest sets none.</summary>
    public const string DefaultTagFormat = "{dataset}@v{version}";

    /// <summary>Reads <paramref name="dataset"/>'s settings from <paramref name="manifest"/>.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="dataset">The dataset name.</param>
    /// <returns>The settings.</returns>
    public static ReleaseSettings Of(ManifestDocument manifest, string dataset)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var own = manifest.Root["datasets"]?[dataset]?["release"];
        var shared = manifest.Root["release"];
        var versionPointer = own?["version"] is not null ? $"/datasets/{dataset.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}/release/version" : "/release/version";
        return new ReleaseSettings(
            (own?["version"] ?? shared?["version"])?.GetValue<string>(),
            versionPointer,
            (own?["tag_format"] ?? shared?["tag_format"])?.GetValue<string>() ?? DefaultTagFormat,
            (own?["card"] ?? shared?["card"])?.DeepClone() as JsonObject ?? []);
    }

    /// <summary>The tag of <paramref name="dataset"/> at <paramref name="version"/>.</summary>
    /// <param name="dataset">The dataset name.</param>
    /// <param name="version">The version.</param>
    /// <returns>The tag name.</returns>
    public string Tag(string dataset, string version) =>
        TagFormat.Replace("{dataset}", dataset, StringComparison.Ordinal).Replace("{version}", version, StringComparison.Ordinal);
}
