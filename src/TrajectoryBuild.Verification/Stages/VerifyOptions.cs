using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Rollouts.Matrix;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Verification.Gate;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Sampling;

namespace TrajectoryBuild.Verification.Stages;

/// <summary>The manifest's <c>verification</c> section as the Verify stage reads it (defaults from the schema).</summary>
internal sealed record VerifyOptions(SliceOptions Slice, double KappaTarget, string? LabelsPath, double Threshold, ModelSpec? GateModel, string? PromptPath)
{
    public static VerifyOptions Of(ManifestDocument manifest)
    {
        var verification = manifest.Root["verification"];
        var human = verification?["human"];
        var gate = verification?["gate"];
        var threshold = Number(gate?["threshold"], 0.5);
        var slice = new SliceOptions(
            Number(human?["fraction"], 0.12),
            Number(human?["random_share"], 0.8),
            (int)Number(human?["overlap"]?["annotators"], 2),
            Number(human?["overlap"]?["fraction"], 0.2),
            threshold,
            human?["seed"] is JsonValue seed ? seed.ToString() : "0");
        ModelSpec? model = null;
        if (gate?["kind"]?.GetValue<string>() == "model")
        {
            var name = gate["model"]!.GetValue<string>();
            model = ModelSpec.From(name, manifest.Root["models"]![name]!.AsObject());
        }

        var promptPath = model is not null && gate?["prompt"]?.GetValue<string>() is { } prompt ? ManifestView.Resolve(manifest, prompt) : null;
        if (promptPath is not null && !File.Exists(promptPath))
        {
            throw new StagePlanException($"verification.gate.prompt: {promptPath} does not exist (give a prompt file relative to the manifest, or remove the key for the built-in prompt)");
        }

        if (model?.Scripted is { } scripted && !Directory.Exists(ManifestView.Resolve(manifest, scripted)))
        {
            throw new StagePlanException($"verification.gate.model: the scripted folder of model {model.Name}, {ManifestView.Resolve(manifest, scripted)}, does not exist");
        }

        return new VerifyOptions(
            slice,
            Number(human?["kappa_target"], 0.78),
            human?["labels"]?.GetValue<string>() is { } labels ? ManifestView.Resolve(manifest, labels) : null,
            threshold,
            model is { Scripted: { } folder } ? model with { Scripted = ManifestView.Resolve(manifest, folder) } : model,
            promptPath);
    }

    /// <summary>What of the gate enters a gate target's key: the verifier and its version, the model and the prompt's digest.</summary>
    public JsonObject GateParams() => GateModel is null
        ? new JsonObject { ["verifier"] = RulesVerifier.Name, ["threshold"] = Threshold }
        : new JsonObject
        {
            ["verifier"] = "model",
            ["model"] = GateModel.KeyParams(),
            ["prompt_sha256"] = Digest.OfText(ModelVerifier.Prompt(PromptPath)),
            ["threshold"] = Threshold,
        };

    /// <summary>What of the slice and the targets enters the dataset report's key.</summary>
    public JsonObject ReportParams() => new()
    {
        ["fraction"] = Slice.Fraction,
        ["random_share"] = Slice.RandomShare,
        ["overlap_annotators"] = Slice.OverlapAnnotators,
        ["overlap_fraction"] = Slice.OverlapFraction,
        ["seed"] = Slice.Seed,
        ["kappa_target"] = KappaTarget,
        ["threshold"] = Threshold,
        ["guidelines_version"] = Axes.GuidelinesVersion,
    };

    private static double Number(JsonNode? node, double fallback) =>
        node is JsonValue value ? double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) : fallback;
}
