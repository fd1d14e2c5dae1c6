using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Reproduction.Execution;

namespace TrajectoryBuild.Reproduction.Stages;

/// <summary>
/// One manifest environment, typed: base image, setup lines (the env image layer), install lines (run in the repository,
/// the task image layer), test command and parser, limits, the repositories it applies to, which executor runs it, and
/// whether a task's own <c>install_config</c> overrides its install steps and test command.
/// </summary>
internal sealed record EnvironmentSpec(
    string Name,
    BaseImageSpec Base,
    IReadOnlyList<string> Setup,
    IReadOnlyList<string> Install,
    string TestCommand,
    string Parser,
    TimeSpan Timeout,
    ContainerLimits Limits,
    IReadOnlyList<string> Repos)
{
    public const string ExecutorAuto = "auto";

    /// <summary>What every task image needs besides the environment's own packages: to apply patches and run Python.</summary>
    private static readonly string[] s_required = ["python3", "git", "patch"];

    /// <summary>auto (Docker when an engine answers, else local), docker or local.</summary>
    public string Executor { get; init; } = ExecutorAuto;

    /// <summary>The repository versions it serves (<see cref="VersionRange"/>), or null for all.</summary>
    public string? Versions { get; init; }

    /// <summary>True when a task's own <c>install_config</c> replaces the install steps and test command.</summary>
    public bool UseTaskInstallConfig { get; init; }

    public static EnvironmentSpec From(string name, JsonObject section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var suite = section["base"]?["suite"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"environment {name} has no 'base' (the manifest schema requires one; validate the manifest first)");
        var packages = (section["base"]?["packages"] as JsonArray ?? []).Select(p => p!.GetValue<string>()).Concat(s_required);
        var test = section["test"] as JsonObject ?? [];
        var limits = section["limits"] as JsonObject ?? [];
        return new EnvironmentSpec(
            name,
            new BaseImageSpec(suite, packages, Environment.GetEnvironmentVariable("TRAJBUILD_DEBIAN_MIRROR") is { Length: > 0 } mirror ? mirror : BaseImageSpec.DefaultMirror),
            Lines(section["setup"]),
            Lines(section["install"]),
            test["command"]?.GetValue<string>() ?? "python3 -m pytest -rA -p no:cacheprovider",
            test["parser"]?.GetValue<string>() ?? "pytest",
            TimeSpan.FromSeconds(test["timeout_seconds"]?.GetValue<long>() ?? 1800),
            new ContainerLimits(
                MemoryBytes: Bytes(limits["memory"]?.GetValue<string>() ?? "4g"),
                Pids: limits["pids"]?.GetValue<long>() ?? 512,
                NanoCpus: (long)((limits["cpus"] is { } cpus ? double.Parse(cpus.ToJsonString(), CultureInfo.InvariantCulture) : 1) * 1_000_000_000))
            {
                DiskBytes = limits["disk"]?.GetValue<string>() is { } disk ? Bytes(disk) : ContainerLimits.DefaultDiskBytes,
            },
            Lines(section["repos"]))
        {
            Executor = section["executor"]?.GetValue<string>() ?? ExecutorAuto,
            Versions = section["versions"]?.GetValue<string>(),
            UseTaskInstallConfig = section["install_config"]?.GetValue<string>() == "use",
        };
    }

    /// <summary>What runs one task here: this environment, or its install steps and test command from the task's install_config.</summary>
    public TaskEnvironment ForTask(JsonObject? installConfig) =>
        UseTaskInstallConfig && installConfig is not null
            ? TaskInstallConfig.Apply(this, installConfig)
            : new TaskEnvironment(Name, Base, Setup, Install, TestCommand, Parser, Timeout, Limits, []);

    /// <summary>
    /// True when this environment applies to <paramref name="repo"/> (owner/name patterns; "*" matches all) at
    /// <paramref name="version"/> (the task's version, checked against <see cref="Versions"/>).
    /// </summary>
    public bool AppliesTo(string repo, string? version = null) =>
        VersionRange.Matches(Versions, version) && (Repos.Count == 0 || Repos.Any(pattern => pattern == "*" || string.Equals(pattern, repo, StringComparison.OrdinalIgnoreCase)
            || (pattern.EndsWith("/*", StringComparison.Ordinal) && repo.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase))));

    private static List<string> Lines(JsonNode? node) => (node as JsonArray ?? []).Select(l => l!.GetValue<string>()).ToList();

    private static long Bytes(string text)
    {
        var unit = char.ToLowerInvariant(text[^1]);
        var number = unit is 'k' or 'm' or 'g' ? text[..^1] : text;
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return (long)(value * unit switch { 'k' => 1024d, 'm' => 1024d * 1024, 'g' => 1024d * 1024 * 1024, _ => 1 });
    }
}
