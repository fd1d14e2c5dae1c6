using System.Globalization;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>The failure taxonomy's version and thresholds (the manifest's <c>taxonomy</c> section); part of the Tag key.</summary>
public sealed record TaggingOptions
{
    /// <summary>The taxonomy version (<c>taxonomy.version</c>): bumped to re-tag when the classifier changes.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Fraction of the context window at which the model input counts as overflowing (<c>context_ratio</c>).</summary>
    public double ContextRatio { get; init; } = 0.9;

    /// <summary>How many times the same action and observation must come back to count as a loop (<c>loop_repeats</c>).</summary>
    public int LoopRepeats { get; init; } = 3;

    /// <summary>Fraction of the step budget at which the run counts as out of steps (<c>max_steps_ratio</c>).</summary>
    public double MaxStepsRatio { get; init; } = 0.9;

    /// <summary>Fraction of failed edits that counts as a broken implementation (<c>edit_failure_ratio</c>).</summary>
    public double EditFailureRatio { get; init; } = 0.5;

    /// <summary>The tiktoken encoding (<c>o200k_base</c>, <c>cl100k_base</c>) or model name (<c>gpt-4o</c>) tokens are counted with.</summary>
    public string Encoding { get; init; } = TokenCounter.DefaultEncoding;

    /// <summary>The defaults: version 1, ratios 0.9 / 0.9 / 0.5, 3 repeats, <c>o200k_base</c>.</summary>
    public static TaggingOptions Default { get; } = new();

    /// <summary>Reads the manifest's <c>taxonomy</c> section (null: the defaults); throws listing every invalid value at once.</summary>
    /// <exception cref="ArgumentException">A value is missing its type or out of range.</exception>
    public static TaggingOptions FromManifest(JsonObject? taxonomy)
    {
        var errors = new List<string>();
        var thresholds = taxonomy?["thresholds"] as JsonObject;
        var options = new TaggingOptions
        {
            Version = Read(taxonomy, "version", Default.Version, errors),
            ContextRatio = Read(thresholds, "context_ratio", Default.ContextRatio, errors),
            LoopRepeats = Read(thresholds, "loop_repeats", Default.LoopRepeats, errors),
            MaxStepsRatio = Read(thresholds, "max_steps_ratio", Default.MaxStepsRatio, errors),
            EditFailureRatio = Read(thresholds, "edit_failure_ratio", Default.EditFailureRatio, errors),
        };
        errors.AddRange(options.Validate());
        return errors.Count == 0
            ? options
            : throw new ArgumentException($"taxonomy: {string.Join("; ", errors)}", nameof(taxonomy));
    }

    /// <summary>Everything wrong with these options (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Version < 1)
        {
            errors.Add($"version must be at least 1, not {Version}");
        }

        Ratio("context_ratio", ContextRatio, errors);
        Ratio("max_steps_ratio", MaxStepsRatio, errors);
        Ratio("edit_failure_ratio", EditFailureRatio, errors);
        if (LoopRepeats < 2)
        {
            errors.Add($"loop_repeats must be at least 2, not {LoopRepeats}");
        }

        if (!TokenCounter.IsKnown(Encoding))
        {
            errors.Add($"unknown encoding '{Encoding}'");
        }

        return errors;
    }

    private static void Ratio(string name, double value, List<string> errors)
    {
        if (!(value is > 0 and <= 1))
        {
            errors.Add($"{name} must be in (0, 1], not {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static T Read<T>(JsonObject? section, string name, T fallback, List<string> errors)
    {
        if (section?[name] is not { } node)
        {
            return fallback;
        }

        if (node is JsonValue value && value.TryGetValue<T>(out var read))
        {
            return read;
        }

        // The manifest loader stores YAML integers as long: a whole number for an int, and for a ratio (context_ratio: 1).
        if (node is JsonValue number && number.TryGetValue<long>(out var whole))
        {
            if (typeof(T) == typeof(double))
            {
                return (T)(object)(double)whole;
            }

            if (typeof(T) == typeof(int) && whole is >= int.MinValue and <= int.MaxValue)
            {
                return (T)(object)(int)whole;
            }
        }

        errors.Add($"{name} must be a {(typeof(T) == typeof(int) ? "whole number" : "number")}, not {node.ToJsonString()}");
        return fallback;
    }
}
