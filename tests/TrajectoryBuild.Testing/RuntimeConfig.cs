using System.Text.Json.Nodes;

namespace TrajectoryBuild.Testing;

/// <summary>What the <c>runtimeconfig.json</c> of a program built beside the tests asks of the runtime.</summary>
public static class RuntimeConfig
{
    /// <summary>The properties of <paramref name="assembly"/>'s runtimeconfig.json that steer tiered compilation, by name.</summary>
    public static Dictionary<string, bool> TieringOf(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!.AsObject();
        return properties
            .Where(p => p.Key.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<bool>(), StringComparer.Ordinal);
    }
}
