using Build.Workflows.Yaml;

namespace Build.Workflows;

/// <summary>What every workflow here shares: read-only permissions at the top, one run per ref at a time, bash steps.</summary>
internal static class WorkflowSkeleton
{
    public static YamlMap Create(string name, YamlMap on, YamlNode cancelInProgress, YamlMap env, params (string Key, YamlNode? Value)[] jobs) => new(
        ("name", name),
        ("on", on),
        // A job that needs more asks for it; only the release's publish job does.
        ("permissions", new YamlMap(("contents", "read"))),
        ("concurrency", new YamlMap(("group", $"{name}-{Expressions.Of("github.ref")}"), ("cancel-in-progress", cancelInProgress))),
        ("defaults", new YamlMap(("run", new YamlMap(("shell", "bash"))))),
        ("env", env),
        ("jobs", new YamlMap(jobs) { Spaced = true }))
    {
        Spaced = true,
    };
}
