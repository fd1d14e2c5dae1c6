using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace TrajectoryBuild.Manifest;

/// Validates the JSON form against the embedded schema and turns NJsonSchema's error tree into
/// located, plain-English errors.
internal static class SchemaValidator
{
    /// The property whose value selects one branch of a oneOf (sources are discriminated by kind).
    private const string Discriminator = "kind";

    /// Validates a whole manifest (<paramref name="part"/> null) or one part of one (an environment file: the schema's
    /// definition of that name), unless <paramref name="memo"/> holds the document as one that passed; one that passes
    /// now is noted in it (the loader keeps it if the whole manifest loads).
    public static IReadOnlyList<ManifestError> Validate(JsonObject root, SourceMap map, string file, string? part, SchemaMemo? memo)
    {
        var key = memo is null ? null : SchemaMemo.KeyOf(part, root);
        if (key is not null && memo!.Contains(key))
        {
            return [];
        }

        List<ManifestError> errors = [.. Validate(root, map, file, part is null ? EmbeddedSchema.Schema : EmbeddedSchema.Definition(part))];
        if (key is not null && errors.Count == 0)
        {
            memo!.Passed(key);
        }

        return errors;
    }

    /// Validates a document against <paramref name="schema"/>: the whole schema, or one of its definitions for a part of
    /// a manifest kept in its own file (e.g. <see cref="EmbeddedSchema.Definition"/>("environment")); pointers and
    /// positions are the document's own.
    private static IEnumerable<ManifestError> Validate(JsonObject root, SourceMap map, string file, JsonSchema schema)
    {
        var converter = new JsonTokenConverter();
        var token = converter.Convert(root);
        return schema.Validate(token)
            .SelectMany(error => Leaves(error, converter))
            .Where(issue => issue.Error.Kind != ValidationErrorKind.PropertyRequired || issue.Error.Token is JObject) // a null entry already has a type error
            .Select(issue => SchemaErrorDescriber.Describe(issue, map, file));
    }

    private static IEnumerable<SchemaIssue> Leaves(ValidationError error, JsonTokenConverter converter)
    {
        // A value allowed several types (e.g. a list or a string) that failed inside a list: say which items are wrong.
        if (error.Kind == ValidationErrorKind.NoTypeValidates && error.Token is JArray array && error.Schema?.ActualSchema.Item is { } item)
        {
            var itemErrors = array.SelectMany(element => item.Validate(element)).ToList();
            if (itemErrors.Count > 0)
            {
                return itemErrors.SelectMany(child => Leaves(child, converter));
            }
        }

        if (error is not ChildSchemaValidationError parent)
        {
            return [new SchemaIssue(error, converter.PointerOf(error.Token) ?? JsonPointer.Root)];
        }

        if (error.Kind is not (ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf))
        {
            return parent.Errors.Values.SelectMany(list => list).SelectMany(child => Leaves(child, converter));
        }

        var branches = parent.Errors
            .Select(branch => (Kinds: DiscriminatorValues(branch.Key), Errors: branch.Value))
            .ToList();
        if (branches.TrueForAll(branch => branch.Kinds is null))
        {
            return [new SchemaIssue(error, converter.PointerOf(error.Token) ?? JsonPointer.Root)];
        }

        // A discriminated union: only the branch the value names matters. When the value names no branch,
        // the enum on the discriminator itself already reported one clear error.
        if (error.Token is JObject union && union[Discriminator] is null)
        {
            // No discriminator at all (the required error says so): still name the keys no branch takes, a misspelt one among them.
            return UnknownInEveryBranch(parent.Errors, converter);
        }

        var kind = (error.Token as JObject)?[Discriminator] is JValue { Type: JTokenType.String } value ? (string?)value : null;
        var chosen = branches.Find(branch => kind is not null && branch.Kinds is not null && branch.Kinds.Contains(kind));
        return chosen.Errors is null ? [] : chosen.Errors.SelectMany(child => Leaves(child, converter));
    }

    private static IEnumerable<SchemaIssue> UnknownInEveryBranch(IReadOnlyDictionary<JsonSchema, ICollection<ValidationError>> branches, JsonTokenConverter converter)
    {
        var unknown = branches.Values
            .Select(errors => errors.SelectMany(child => Leaves(child, converter)).Where(issue => issue.Error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed).ToList())
            .ToList();
        List<string> keys = [.. branches.Keys.SelectMany(branch => branch.ActualSchema.Properties.Keys).Distinct(StringComparer.Ordinal)];
        return unknown.Count == 0
            ? []
            : unknown[0].Where(issue => unknown.TrueForAll(other => other.Exists(o => o.Pointer == issue.Pointer))).Select(issue => issue with { ValidKeys = keys });
    }

    private static HashSet<string>? DiscriminatorValues(JsonSchema branch) =>
        branch.ActualSchema.Properties.TryGetValue(Discriminator, out var property)
            ? property.ActualSchema.Enumeration.OfType<string>().ToHashSet(StringComparer.Ordinal)
            : null;
}
