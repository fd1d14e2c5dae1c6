using NJsonSchema;

namespace TrajectoryBuild.Trajectories.Model;

/// <summary>The normalized trajectory schema (schema/trajectory.schema.json, embedded): its version and a validator.</summary>
public static class TrajectorySchema
{
    /// <summary>The schema version written in every trajectory's <c>schema_version</c>. Bump it with any change of shape.</summary>
    public const int Version = 1;

    private const string ResourceName = "TrajectoryBuild.trajectory.schema.json";

    // NJsonSchema only offers an async parser; there is no synchronization context to deadlock on here.
    private static readonly Lazy<JsonSchema> s_schema = new(() => JsonSchema.FromJsonAsync(ReadText()).GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The schema text as shipped.</summary>
    public static string ReadText()
    {
        using var stream = typeof(TrajectorySchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The schema errors of one serialized trajectory, each as <c>path: kind</c>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(string json) =>
        [.. s_schema.Value.Validate(json).Select(e => $"{e.Path}: {e.Kind}").Order(StringComparer.Ordinal)];
}
