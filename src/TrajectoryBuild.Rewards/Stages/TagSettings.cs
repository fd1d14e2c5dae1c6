using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Rewards.Tagging;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Rewards.Stages;

/// <summary>A person's failure tag for one trajectory (<c>taxonomy.overrides</c>): it wins over the detectors, and is recorded.</summary>
/// <param name="TrajectoryId">The trajectory.</param>
/// <param name="Class">The failure class the person chose.</param>
/// <param name="Annotator">Who.</param>
/// <param name="Note">Why, or null.</param>
/// <param name="Line">The line as written (its digest is the Tag target's input).</param>
internal sealed record HumanTag(string TrajectoryId, FailureClass Class, string Annotator, string? Note, string Line);

/// <summary>The manifest's <c>taxonomy</c> section: version, thresholds, and the human tags.</summary>
internal sealed record TagSettings(TaggingOptions Options, IReadOnlyDictionary<string, HumanTag> Overrides, string OverridesDigest)
{
    public static TagSettings Of(ManifestDocument manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var taxonomy = manifest.Root["taxonomy"] as JsonObject;
        var options = TaggingOptions.FromManifest(taxonomy);
        if (taxonomy?["overrides"]?.GetValue<string>() is not { } relative)
        {
            return new TagSettings(options, new Dictionary<string, HumanTag>(), Digest.OfText(""));
        }

        var path = ManifestView.Resolve(manifest, relative);
        if (!File.Exists(path))
        {
            throw new StagePlanException($"taxonomy.overrides: {path} does not exist (a JSON Lines file of {{\"trajectory_id\", \"class\", \"annotator\", \"note\"}}, or remove the key)");
        }

        return new TagSettings(options, ReadOverrides(path), Digest.OfFile(path));
    }

    /// <summary>The Tag key's parameters: the taxonomy, and the model window and step limit the detectors compare with.</summary>
    public JsonObject Json(int? contextWindow, int? stepLimit) => new()
    {
        ["taxonomy"] = new JsonObject
        {
            ["version"] = Options.Version,
            ["context_ratio"] = Options.ContextRatio,
            ["loop_repeats"] = Options.LoopRepeats,
            ["max_steps_ratio"] = Options.MaxStepsRatio,
            ["edit_failure_ratio"] = Options.EditFailureRatio,
            ["encoding"] = Options.Encoding,
        },
        ["context_window"] = contextWindow,
        ["step_limit"] = stepLimit,
    };

    private static Dictionary<string, HumanTag> ReadOverrides(string path)
    {
        var tags = new Dictionary<string, HumanTag>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string Fail(string problem) => throw new StagePlanException($"taxonomy.overrides: {path}:{number}: {problem}");
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(line);
            }
            catch (JsonException e)
            {
                throw new StagePlanException($"taxonomy.overrides: {path}:{number}: not valid JSON: {e.Message}", e);
            }

            var id = json?["trajectory_id"]?.GetValue<string>() ?? Fail("missing 'trajectory_id'");
            var name = json?["class"]?.GetValue<string>() ?? Fail("missing 'class'");
            if (!FailureClasses.TryParse(name, out var failureClass))
            {
                Fail($"unknown class '{name}' (one of: {string.Join(", ", FailureClasses.All.Select(c => c.ToName()))})");
            }

            if (tags.ContainsKey(id))
            {
                Fail($"a second tag for trajectory '{id}'");
            }

            tags[id] = new HumanTag(id, failureClass, json?["annotator"]?.GetValue<string>() ?? Fail("missing 'annotator'"), json?["note"]?.GetValue<string>(), line);
        }

        return tags;
    }
}
