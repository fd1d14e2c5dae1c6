using NJsonSchema;
using NJsonSchema.Validation;

namespace Build.Tests.Workflows;

/// <summary>SchemaStore's github-workflow.json, vendored in Data/ (see Data/README.md), loaded once.</summary>
internal static class GitHubWorkflowSchema
{
    private static readonly Lazy<Task<JsonSchema>> s_schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Data", "github-workflow.json")));

    public static async Task<IReadOnlyList<string>> ValidateAsync(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var schema = await s_schema.Value.ConfigureAwait(false);
        return [.. schema.Validate(workflow.Root.ToJsonString()).Select(Describe)];
    }

    // oneOf failures carry the errors of each branch: print them, or "NoOneOfMatch" alone says nothing.
    private static string Describe(ValidationError error) => error switch
    {
        ChildSchemaValidationError child => $"{error.Kind} at {error.Path}: "
            + string.Join("; ", child.Errors.SelectMany(e => e.Value.Select(Describe))),
        _ => $"{error.Kind} at {error.Path}",
    };
}
