using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Rewards.Outcome;
using TrajectoryBuild.Rewards.Process;

namespace TrajectoryBuild.Rewards.Stages;

/// <summary>The manifest's <c>rewards</c> section with its defaults filled in: the rule set, whole, is part of every Reward key.</summary>
internal sealed record RewardSettings(JsonObject Json)
{
    public IReadOnlyList<string> Sources => [.. Json["sources"]!.AsArray().Select(s => s!.GetValue<string>())];

    public IReadOnlyList<string> Heuristics => [.. Json["heuristics"]!.AsArray().Select(s => s!.GetValue<string>())];

    public bool MonteCarlo => Sources.Contains(ProcessSources.MonteCarlo);

    public OutcomeRules Outcome => new(Json["resolved"]!.GetValue<double>(), Json["unresolved"]!.GetValue<double>(), Json["partial_credit"]!.GetValue<bool>());

    public ProcessRules Process => new(Sources, Heuristics, (int)Json["rules_version"]!.GetValue<long>())
    {
        MinRollouts = (int)Json["min_rollouts"]!.GetValue<long>(),
    };

    public static RewardSettings Of(ManifestDocument manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var rewards = manifest.Root["rewards"];
        var outcome = rewards?["outcome"];
        var process = rewards?["process"];
        return new RewardSettings(new JsonObject
        {
            ["rules_version"] = rewards?["rules_version"]?.GetValue<long>() ?? 1,
            ["resolved"] = outcome?["resolved"]?.GetValue<double>() ?? 1.0,
            ["unresolved"] = outcome?["unresolved"]?.GetValue<double>() ?? 0.0,
            ["partial_credit"] = outcome?["partial_credit"]?.GetValue<bool>() ?? false,
            ["sources"] = Names(process?["sources"], ProcessSources.All),
            ["heuristics"] = Names(process?["heuristics"], StepHeuristics.Names),
            ["min_rollouts"] = process?["monte_carlo"]?["min_rollouts"]?.GetValue<long>() ?? 2,
        });
    }

    private static JsonArray Names(JsonNode? configured, IReadOnlyList<string> all) =>
        new([.. (configured is JsonArray array ? array.Select(n => n!.GetValue<string>()) : all).Select(n => (JsonNode)n)]);
}
