using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Packaging.Corpora;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Packaging.Release;

namespace TrajectoryBuild.Packaging.Stages;

/// <summary>The manifest's <c>packaging</c> and <c>release</c> card and version (the dataset's own sections over the top-level ones) with their defaults: all of it is part of the Package key.</summary>
internal sealed record PackagingSettings(JsonObject Json)
{
    public IReadOnlyList<CorpusFormat> Formats => [.. Json["formats"]!.AsArray().Select(f => CorpusNames.ParseFormat(f!.GetValue<string>())!.Value)];

    public IReadOnlyList<ShardFileFormat> Files => [.. Json["files"]!.AsArray().Select(f => f!.GetValue<string>() == "parquet" ? ShardFileFormat.Parquet : ShardFileFormat.Jsonl)];

    public ActionRendering Rendering => CorpusNames.ParseRendering(Json["action_rendering"]!.GetValue<string>())!.Value;

    public SplitOptions Splits => new(
        Json["splits"]!["by"]!.GetValue<string>() == "task" ? SplitUnit.Task : SplitUnit.Repository,
        Json["splits"]!["seed"]!.GetValue<long>(),
        [.. Json["splits"]!["fractions"]!.AsObject().Select(f => new SplitFraction(f.Key, f.Value!.GetValue<double>()))]);

    public int ShardRows => (int)Json["shard_rows"]!.GetValue<long>();

    public static PackagingSettings Of(ManifestDocument manifest, string dataset)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var packaging = manifest.Root["datasets"]?[dataset]?["packaging"] as JsonObject ?? manifest.Root["packaging"] as JsonObject;
        var splits = packaging?["splits"];
        var release = ReleaseSettings.Of(manifest, dataset);
        return new PackagingSettings(new JsonObject
        {
            ["formats"] = Strings(packaging?["formats"], ["sharegpt", "openai", "dpo", "prm"]),
            ["files"] = Strings(packaging?["files"], ["jsonl"]),
            ["action_rendering"] = packaging?["action_rendering"]?.GetValue<string>() ?? "native",
            ["splits"] = new JsonObject
            {
                ["by"] = splits?["by"]?.GetValue<string>() ?? "repository",
                ["seed"] = splits?["seed"]?.GetValue<long>() ?? 0,
                ["fractions"] = splits?["fractions"]?.DeepClone() ?? new JsonObject { ["train"] = 0.9, ["test"] = 0.1 },
            },
            ["shard_rows"] = packaging?["shard_rows"]?.GetValue<long>() ?? 10000,
            ["card"] = release.Card,
            ["version"] = release.Version ?? "0.0.0",
        });
    }

    public DatasetCardOptions Card(string dataset)
    {
        var card = Json["card"]!;
        return new DatasetCardOptions(
            dataset,
            card["license"]?.GetValue<string>(),
            card["description"]?.GetValue<string>(),
            card["pretty_name"]?.GetValue<string>(),
            card["tags"] is JsonArray tags ? [.. tags.Select(t => t!.GetValue<string>())] : [],
            card["citation"]?.GetValue<string>());
    }

    public CroissantOptions Croissant(string dataset)
    {
        var card = Json["card"]!;
        return new CroissantOptions(dataset, card["description"]?.GetValue<string>(), card["license"]?.GetValue<string>(), Json["version"]!.GetValue<string>(), null, card["citation"]?.GetValue<string>());
    }

    private static JsonArray Strings(JsonNode? configured, IReadOnlyList<string> fallback) =>
        new([.. (configured is JsonArray array ? array.Select(n => n!.GetValue<string>()) : fallback).Select(n => (JsonNode)n.ToString(CultureInfo.InvariantCulture))]);
}
