using NJsonSchema;

namespace TrajectoryBuild.Manifest;

/// The shipped schema (schema/datasets.schema.json, embedded), parsed once per process.
internal static class EmbeddedSchema
{
    public const string ResourceName = "TrajectoryBuild.datasets.schema.json";

    private static readonly Lazy<JsonSchema> s_schema = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static JsonSchema Schema => s_schema.Value;

    /// One of the schema's definitions (e.g. "environment"), to validate a part of a manifest kept in its own file.
    /// Its references resolve within the whole schema, so it validates exactly like the entries that refer to it.
    public static JsonSchema Definition(string name) => Schema.Definitions[name];

    /// The property names of one of the schema's definitions, in the schema's order, read from its text: for hints
    /// that should not load the schema (see <see cref="SchemaMemo"/>).
    public static IReadOnlyList<string> PropertyNames(string definition)
    {
        using var schema = System.Text.Json.JsonDocument.Parse(ReadText());
        return [.. schema.RootElement.GetProperty("definitions").GetProperty(definition).GetProperty("properties").EnumerateObject().Select(p => p.Name)];
    }

    public static string ReadText()
    {
        using var stream = typeof(EmbeddedSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // NJsonSchema only offers an async parser; there is no synchronization context to deadlock on here.
    private static JsonSchema Load() => JsonSchema.FromJsonAsync(ReadText()).GetAwaiter().GetResult();
}
