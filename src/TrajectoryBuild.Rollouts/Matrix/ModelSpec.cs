using System.Text.Json.Nodes;

namespace TrajectoryBuild.Rollouts.Matrix;

/// <summary>A model of the manifest (<c>models:</c>): an OpenAI-compatible endpoint, or a folder of scripted responses.</summary>
internal sealed record ModelSpec(string Name, string Model, Uri? Endpoint, string? ApiKeyEnv, JsonObject Params, string? Scripted)
{
    public static ModelSpec From(string name, JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ModelSpec(
            name,
            model["model"]!.GetValue<string>(),
            model["endpoint"] is { } endpoint ? new Uri(endpoint.GetValue<string>()) : null,
            model["api_key_env"]?.GetValue<string>(),
            (JsonObject?)model["params"]?.DeepClone() ?? [],
            model["scripted"]?.GetValue<string>());
    }

    /// <summary>
    /// What of the model enters a Rollout key: its id and sampling parameters. Not the endpoint or the key: moving a
    /// model to another host does not change what it answers. A scripted model's responses enter as an input digest.
    /// </summary>
    public JsonObject KeyParams() => new()
    {
        ["name"] = Name,
        ["model"] = Model,
        ["params"] = Params.DeepClone(),
        ["scripted"] = Scripted is not null,
    };
}
