using System.Text.Json.Nodes;

namespace TrajectoryBuild.Cli.Output;

/// <summary>
/// What a finished build holds about one dataset: the <c>report.json</c> of each dataset-level target that was part of
/// the build (null when it was not, or could not be read), the environments it ran in, and what Package wrote.
/// </summary>
/// <param name="Dataset">The dataset name.</param>
internal sealed record DatasetReports(string Dataset)
{
    /// <summary><c>Mine/dataset/&lt;d&gt;/report.json</c>.</summary>
    public JsonObject? Mine { get; init; }

    /// <summary><c>Clone/dataset/&lt;d&gt;/report.json</c> (Clone is a reserved member name in records): the mining report plus the tasks whose repository was unavailable.</summary>
    public JsonObject? Checkout { get; init; }

    /// <summary><c>Reproduce/dataset/&lt;d&gt;/report.json</c>.</summary>
    public JsonObject? Reproduce { get; init; }

    /// <summary><c>Evaluate/dataset/&lt;d&gt;/report.json</c>: the rollout report.</summary>
    public JsonObject? Evaluate { get; init; }

    /// <summary><c>Verify/dataset/&lt;d&gt;/report.json</c>.</summary>
    public JsonObject? Verify { get; init; }

    /// <summary><c>Reward/dataset/&lt;d&gt;/report.json</c>.</summary>
    public JsonObject? Reward { get; init; }

    /// <summary><c>Tag/dataset/&lt;d&gt;/report.json</c>.</summary>
    public JsonObject? Tag { get; init; }

    /// <summary>The files of <c>Package/dataset/&lt;d&gt;</c>.</summary>
    public PackagedFiles? Package { get; init; }

    /// <summary>The environments of the dataset that were part of the build, sorted by name.</summary>
    public IReadOnlyList<EnvironmentExecutor> Environments { get; init; } = [];
}

/// <summary>One <c>Environment/&lt;name&gt;</c> target's <c>image.json</c>, and the executor the manifest asked for.</summary>
/// <param name="Name">The environment.</param>
/// <param name="Image">Its <c>image.json</c> (<c>executor</c>: <c>docker</c> or <c>local</c>).</param>
/// <param name="Requested">The manifest's <c>executor</c> (<c>auto</c>, <c>docker</c> or <c>local</c>), when known.</param>
internal sealed record EnvironmentExecutor(string Name, JsonObject Image, string? Requested);

/// <summary>What Package wrote for a dataset.</summary>
/// <param name="Configs">Per config (<c>data/&lt;config&gt;/</c>), sorted by name.</param>
/// <param name="OtherFiles">The outputs outside <c>data/</c> (card, metadata, provenance), sorted.</param>
internal sealed record PackagedFiles(IReadOnlyList<PackagedConfig> Configs, IReadOnlyList<string> OtherFiles);

/// <summary>One config's shards.</summary>
/// <param name="Config">The config name (e.g. <c>sharegpt</c>).</param>
/// <param name="Rows">Its rows (counted once across file formats), or null when they could not be counted.</param>
/// <param name="Files">Its shard files, over every format.</param>
/// <param name="Formats">The file formats (extensions), sorted.</param>
internal sealed record PackagedConfig(string Config, long? Rows, int Files, IReadOnlyList<string> Formats);
