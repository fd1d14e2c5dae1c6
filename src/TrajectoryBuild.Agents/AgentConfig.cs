using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Agents;

/// <summary>
/// The reference agent's settings, read from <see cref="AgentRequest.Config"/> (snake_case keys; an unknown key is an
/// error, so a typo never silently falls back to a default). See docs/reference-agent.md.
/// </summary>
internal sealed record AgentConfig
{
    private static readonly string[] s_keys =
    [
        "system_template", "instance_template", "action_timeout_seconds", "max_format_errors", "max_repeats",
        "price_per_1k_prompt", "price_per_1k_completion", "max_retries", "retry_backoff_seconds", "request_timeout_seconds",
        "max_observation_chars",
    ];

    public string SystemTemplate { get; init; } = PromptTemplates.DefaultSystem;

    public string InstanceTemplate { get; init; } = PromptTemplates.DefaultInstance;

    public TimeSpan ActionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive malformed turns that end the run with <c>format_error</c>.</summary>
    public int MaxFormatErrors { get; init; } = 3;

    /// <summary>The same command this many times in a row ends the run with <c>repeated_action</c>; 0 turns loop detection off.</summary>
    public int MaxRepeats { get; init; } = 3;

    public double? PricePer1kPrompt { get; init; }

    public double? PricePer1kCompletion { get; init; }

    /// <summary>Retries of a model call after a transport error, HTTP 408, 429 or 5xx, or an unreadable response.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The wait before the first retry; doubled for each next one.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Characters of a command's output the model sees; past it the middle is elided.</summary>
    public int MaxObservationChars { get; init; } = 10_000;

    /// <summary>Whether cost is known: both prices are configured.</summary>
    public bool Priced => PricePer1kPrompt is not null && PricePer1kCompletion is not null;

    public static AgentConfig From(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var (key, _) in config)
        {
            if (!s_keys.Contains(key, StringComparer.Ordinal))
            {
                throw new ArgumentException($"reference agent config: unknown key '{key}'; known keys: {string.Join(", ", s_keys)}", nameof(config));
            }
        }

        var defaults = new AgentConfig();
        return new AgentConfig
        {
            SystemTemplate = Text(config, "system_template") ?? defaults.SystemTemplate,
            InstanceTemplate = Text(config, "instance_template") ?? defaults.InstanceTemplate,
            ActionTimeout = Seconds(config, "action_timeout_seconds") ?? defaults.ActionTimeout,
            MaxFormatErrors = (int?)Number(config, "max_format_errors", 1) ?? defaults.MaxFormatErrors,
            MaxRepeats = (int?)Number(config, "max_repeats", 0) ?? defaults.MaxRepeats,
            PricePer1kPrompt = Number(config, "price_per_1k_prompt", 0),
            PricePer1kCompletion = Number(config, "price_per_1k_completion", 0),
            MaxRetries = (int?)Number(config, "max_retries", 0) ?? defaults.MaxRetries,
            RetryBackoff = Seconds(config, "retry_backoff_seconds", 0) ?? defaults.RetryBackoff,
            RequestTimeout = Seconds(config, "request_timeout_seconds") ?? defaults.RequestTimeout,
            MaxObservationChars = (int?)Number(config, "max_observation_chars", 100) ?? defaults.MaxObservationChars,
        };
    }

    private static string? Text(JsonObject config, string key) => config[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw new ArgumentException($"reference agent config: '{key}' must be a string, not {other.GetValueKind()}"),
    };

    private static TimeSpan? Seconds(JsonObject config, string key, double minimum = 1) =>
        Number(config, key, minimum) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static double? Number(JsonObject config, string key, double minimum)
    {
        if (config[key] is null)
        {
            return null;
        }

        if (config[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            throw new ArgumentException($"reference agent config: '{key}' must be a number");
        }

        var number = double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
        return number >= minimum ? number : throw new ArgumentException($"reference agent config: '{key}' must be at least {minimum}, not {number}");
    }
}
