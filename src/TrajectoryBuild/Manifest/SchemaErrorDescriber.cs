using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace TrajectoryBuild.Manifest;

/// Says in plain English what a schema error means and how to fix it, at the right position.
internal static class SchemaErrorDescriber
{
    public static ManifestError Describe(SchemaIssue issue, SourceMap map, string file)
    {
        var (error, pointer) = (issue.Error, issue.Pointer);
        var schema = error.Schema?.ActualSchema;
        var (message, hint, position) = error.Kind switch
        {
            ValidationErrorKind.NoAdditionalPropertiesAllowed => UnknownKey(error, pointer, issue.ValidKeys ?? schema?.Properties.Keys.ToList() ?? [], map),
            ValidationErrorKind.PropertyRequired => MissingKey(error, pointer, schema, map),
            _ => (ValueMessage(error, pointer, schema), ValueHint(error, schema), map.ValueOf(pointer)),
        };
        return new ManifestError(file, position.Line, position.Column, message, hint);
    }

    private static (string Message, string? Hint, (int Line, int Column) Position) UnknownKey(ValidationError error, string pointer, IReadOnlyCollection<string> valid, SourceMap map)
    {
        var key = error.Property ?? pointer[(pointer.LastIndexOf('/') + 1)..];
        var message = $"unknown key '{key}' in {JsonPointer.Describe(JsonPointer.Parent(pointer))}";
        return (message, Suggestions.Hint(key, valid, "valid keys"), map.EntryOf(pointer));
    }

    private static (string Message, string? Hint, (int Line, int Column) Position) MissingKey(ValidationError error, string pointer, JsonSchema? schema, SourceMap map)
    {
        var key = error.Property ?? "?";
        var about = schema is not null && schema.Properties.TryGetValue(key, out var property) ? About(property) : null;
        var hint = about is null ? $"add '{key}:'" : $"add '{key}:' ({about})";
        return ($"missing required key '{key}' in {JsonPointer.Describe(pointer)}", hint, map.EntryOf(pointer));
    }

    private static string ValueMessage(ValidationError error, string pointer, JsonSchema? schema)
    {
        var at = JsonPointer.Describe(pointer);
        var value = Render(error.Token);
        return error.Kind switch
        {
            ValidationErrorKind.NotInEnumeration => $"invalid value {value} for {at}",
            ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NullExpected
                => $"wrong type for {at}: expected {Expected(error, schema)}, got {Got(error.Token)}",
            ValidationErrorKind.NoTypeValidates when !Allows(schema, error.Token)
                => $"wrong type for {at}: expected {Expected(error, schema)}, got {Got(error.Token)}",
            ValidationErrorKind.NoTypeValidates => Invalid(error.Token, at, schema),
            ValidationErrorKind.DateExpected => $"{value} is not a valid date for {at}",
            ValidationErrorKind.DateTimeExpected => $"{value} is not a valid date and time for {at}",
            ValidationErrorKind.UriExpected => $"{value} is not a valid absolute URL for {at}",
            ValidationErrorKind.NumberTooBig => $"{value} is too large for {at}: the maximum is {Number(schema?.Maximum ?? schema?.ExclusiveMaximum)}",
            ValidationErrorKind.NumberTooSmall => $"{value} is too small for {at}: the minimum is {Number(schema?.Minimum ?? schema?.ExclusiveMinimum)}",
            ValidationErrorKind.PatternMismatch => $"{value} is not in the expected form for {at}",
            ValidationErrorKind.StringTooShort when (schema?.MinLength ?? 1) <= 1 => $"{at} must not be empty",
            ValidationErrorKind.StringTooShort => $"{value} is too short for {at}: it needs at least {Count(schema!.MinLength!.Value, "character")}",
            ValidationErrorKind.TooFewItems => $"{at} needs at least {Count(schema?.MinItems ?? 1, "item")}",
            ValidationErrorKind.TooManyItems => $"{at} allows at most {Count(schema?.MaxItems ?? 0, "item")}",
            ValidationErrorKind.ItemsNotUnique => $"{at} lists the same item more than once",
            ValidationErrorKind.TooFewProperties => $"{at} needs at least {Count(schema?.MinProperties ?? 1, "entry")}",
            ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf => $"{at} matches none of its allowed forms",
            _ => $"{Humanize(error.Kind)} at {at}",
        };
    }

    private static string? ValueHint(ValidationError error, JsonSchema? schema)
    {
        switch (error.Kind)
        {
            case ValidationErrorKind.NotInEnumeration:
                var allowed = schema?.Enumeration.Select(value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null").ToList() ?? [];
                return error.Token is JValue { Type: JTokenType.String } text
                    ? Suggestions.Hint((string)text!, allowed, "allowed values")
                    : $"allowed values: {string.Join(", ", allowed)}";
            case ValidationErrorKind.StringExpected when error.Token is JValue { Type: not JTokenType.String and not JTokenType.Null } scalar:
                return $"quote it to make it a string: \"{scalar.ToString(Formatting.None).Trim('"')}\"";
            case ValidationErrorKind.DateExpected:
                return "write dates as YYYY-MM-DD, e.g. 2024-01-31";
            case ValidationErrorKind.UriExpected:
                return "write a full URL with a scheme, e.g. http://127.0.0.1:8089/v1";
            case ValidationErrorKind.PatternMismatch:
                var about = About(schema);
                return about is null ? $"expected the pattern {schema?.Pattern}" : $"{about} (pattern {schema?.Pattern})";
            default:
                return About(schema);
        }
    }

    private static string Expected(ValidationError error, JsonSchema? schema)
    {
        var type = schema?.Type ?? JsonObjectType.None;
        var names = Enum.GetValues<JsonObjectType>()
            .Where(flag => flag != JsonObjectType.None && type.HasFlag(flag))
            .Select(TypeName)
            .ToList();
        return names.Count > 0 ? string.Join(" or ", names) : Humanize(error.Kind).Replace(" expected", string.Empty, StringComparison.Ordinal);
    }

    private static string TypeName(JsonObjectType type) => type switch
    {
        JsonObjectType.Object => "a mapping",
        JsonObjectType.Array => "a list",
        JsonObjectType.String => "a string",
        JsonObjectType.Integer => "an integer",
        JsonObjectType.Number => "a number",
        JsonObjectType.Boolean => "true or false",
        JsonObjectType.Null => "null",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// The value has an allowed type but breaks a rule of that type (a value may be a number or a list, say).
    private static string Invalid(JToken? token, string at, JsonSchema? schema)
    {
        if (token is JArray array)
        {
            var duplicates = array.Where((item, i) => array.Take(i).Any(earlier => JToken.DeepEquals(earlier, item))).Any();
            return schema?.UniqueItems == true && duplicates ? $"{at} lists the same item more than once"
                : array.Count < (schema?.MinItems ?? 0) ? $"{at} needs at least {Count(schema!.MinItems, "item")}"
                : $"the list in {at} is not valid";
        }

        if (token?.Type is JTokenType.Integer or JTokenType.Float && schema is not null)
        {
            var number = token.Value<decimal>();
            if (number < schema.Minimum)
            {
                return $"{Render(token)} is too small for {at}: the minimum is {Number(schema.Minimum)}";
            }

            if (number > schema.Maximum)
            {
                return $"{Render(token)} is too large for {at}: the maximum is {Number(schema.Maximum)}";
            }
        }

        return $"{Render(token)} is not a valid value for {at}";
    }

    private static string Count(int count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{count} {(noun.EndsWith('y') ? noun[..^1] + "ies" : noun + "s")}";

    private static bool Allows(JsonSchema? schema, JToken? token)
    {
        var type = schema?.Type ?? JsonObjectType.None;
        return token?.Type switch
        {
            JTokenType.Object => type.HasFlag(JsonObjectType.Object),
            JTokenType.Array => type.HasFlag(JsonObjectType.Array),
            JTokenType.String => type.HasFlag(JsonObjectType.String),
            JTokenType.Integer => type.HasFlag(JsonObjectType.Integer) || type.HasFlag(JsonObjectType.Number),
            JTokenType.Float => type.HasFlag(JsonObjectType.Number),
            JTokenType.Boolean => type.HasFlag(JsonObjectType.Boolean),
            _ => type.HasFlag(JsonObjectType.Null),
        };
    }

    private static string Got(JToken? token) => token?.Type switch
    {
        JTokenType.Object => "a mapping",
        JTokenType.Array => "a list",
        JTokenType.String => $"the string {Render(token)}",
        JTokenType.Integer => $"the integer {Render(token)}",
        JTokenType.Float => $"the number {Render(token)}",
        JTokenType.Boolean => $"{Render(token)}",
        _ => "null (an empty value)",
    };

    private static string Render(JToken? token)
    {
        var text = token switch
        {
            null or { Type: JTokenType.Null } => "null",
            JValue { Type: JTokenType.String } value => $"'{(string?)value}'",
            JObject => "(a mapping)",
            JArray => "(a list)",
            _ => token.ToString(Formatting.None),
        };
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static string Number(decimal? value) =>
        value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string? About(JsonSchema? schema)
    {
        if (schema is null)
        {
            return null;
        }

        var description = schema.Description ?? schema.ActualSchema.Description;
        return string.IsNullOrWhiteSpace(description) ? null : description;
    }

    private static string Humanize(ValidationErrorKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
