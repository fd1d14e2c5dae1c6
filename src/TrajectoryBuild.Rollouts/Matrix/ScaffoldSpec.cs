using System.Text.Json.Nodes;
using TrajectoryBuild.Agents;

namespace TrajectoryBuild.Rollouts.Matrix;

/// <summary>A scaffold of the manifest (<c>scaffolds:</c>), read once the schema has validated it.</summary>
internal sealed record ScaffoldSpec(string Name, string Kind, string? Version, JsonObject Config, AgentLimits Limits)
{
    public const string Reference = "reference";
    public const string Import = "import";

    public IReadOnlyList<string> Setup { get; init; } = [];

    public string? Layer { get; init; }

    public string? Command { get; init; }

    public string Network { get; init; } = "none";

    /// <summary>The importer that reads what this scaffold writes (for imports: the recorded files).</summary>
    public required string Format { get; init; }

    /// <summary>For imports: the file or folder of recordings, relative to the manifest.</summary>
    public string? ImportPath { get; init; }

    /// <summary>For imports: the model name for provenance when the files do not say.</summary>
    public string? ImportModel { get; init; }

    public bool IsImport => Kind == Import;

    public bool IsExternal => Kind is not (Reference or Import);

    public static ScaffoldSpec From(string name, JsonObject scaffold)
    {
        ArgumentNullException.ThrowIfNull(scaffold);
        var kind = scaffold["kind"]!.GetValue<string>();
        var limits = scaffold["limits"] as JsonObject;
        var import = scaffold["import"] as JsonObject;
        return new ScaffoldSpec(
            name,
            kind,
            scaffold["version"]?.GetValue<string>() ?? (kind == Reference ? ReferenceAgent.Version : null),
            (JsonObject?)scaffold["config"]?.DeepClone() ?? [],
            new AgentLimits(
                (int?)limits?["steps"]?.GetValue<long>(),
                limits?["cost_usd"] is { } cost ? cost.GetValue<double>() : null,
                limits?["tokens"]?.GetValue<long>(),
                (int?)limits?["wall_seconds"]?.GetValue<long>()))
        {
            Setup = [.. (scaffold["setup"] as JsonArray ?? []).Select(l => l!.GetValue<string>())],
            Layer = scaffold["layer"]?.GetValue<string>(),
            Command = scaffold["command"]?.GetValue<string>(),
            Network = scaffold["network"]?.GetValue<string>() ?? "none",
            Format = kind switch
            {
                Import => import!["format"]!.GetValue<string>(),
                Reference => Reference,
                _ => scaffold["output_format"]?.GetValue<string>() ?? kind,
            },
            ImportPath = import?["path"]?.GetValue<string>(),
            ImportModel = import?["model"]?.GetValue<string>(),
        };
    }

    /// <summary>What of the scaffold enters a Rollout key: id, kind, version, config, limits, and how an external one is installed and run.</summary>
    public JsonObject KeyParams() => new()
    {
        ["name"] = Name,
        ["kind"] = Kind,
        ["version"] = Version,
        ["config"] = Config.DeepClone(),
        ["limits"] = new JsonObject
        {
            ["steps"] = Limits.Steps,
            ["cost_usd"] = Limits.CostUsd,
            ["tokens"] = Limits.Tokens,
            ["wall_seconds"] = Limits.WallSeconds,
        },
        ["setup"] = new JsonArray([.. Setup.Select(l => (JsonNode?)JsonValue.Create(l))]),
        ["command"] = Command,
        ["network"] = Network,
        ["format"] = Format,
    };
}
