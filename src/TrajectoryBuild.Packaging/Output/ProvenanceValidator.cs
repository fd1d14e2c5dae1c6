using System.Text.Json;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Checks an in-toto Statement v1 with a SLSA v1 provenance predicate against the field rules: <c>_type</c> and
/// <c>predicateType</c> exact, subjects non-empty with unique names and a digest each, digest algorithm keys lowercase
/// (<c>gitCommit</c> excepted) with lowercase hex values of the algorithm's length, <c>buildType</c>,
/// <c>externalParameters</c> and <c>builder.id</c> present, every resource descriptor with a uri, digest or content.
/// </summary>
public static class ProvenanceValidator
{
    private static readonly Dictionary<string, int[]> s_lengths = new(StringComparer.Ordinal)
    {
        ["sha256"] = [64],
        ["sha224"] = [56],
        ["sha384"] = [96],
        ["sha512"] = [128],
        ["sha1"] = [40],
        ["md5"] = [32],
        ["sha512_224"] = [56],
        ["sha512_256"] = [64],
        ["sha3_224"] = [56],
        ["sha3_256"] = [64],
        ["sha3_384"] = [96],
        ["sha3_512"] = [128],
        ["gitCommit"] = [40, 64],
        ["gitTree"] = [40, 64],
        ["gitBlob"] = [40, 64],
    };

    /// <summary>Validates a statement and lists every problem.</summary>
    /// <param name="statement">The statement JSON.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IReadOnlyList<string> Validate(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        try
        {
            using var document = JsonDocument.Parse(statement);
            return Validate(document.RootElement);
        }
        catch (JsonException exception)
        {
            return [$"not JSON: {exception.Message}"];
        }
    }

    /// <summary>Validates a parsed statement and lists every problem.</summary>
    /// <param name="statement">The statement's root element.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IReadOnlyList<string> Validate(JsonElement statement)
    {
        var errors = new List<string>();
        if (statement.ValueKind != JsonValueKind.Object)
        {
            return ["the statement is not a JSON object"];
        }

        Exact(statement, "_type", Provenance.StatementType, errors);
        Exact(statement, "predicateType", Provenance.PredicateType, errors);
        if (!statement.TryGetProperty("subject", out var subjects) || subjects.ValueKind != JsonValueKind.Array || subjects.GetArrayLength() == 0)
        {
            errors.Add("subject: a non-empty array is required");
        }
        else
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (subject, index) in subjects.EnumerateArray().Select((s, i) => (s, i)))
            {
                var name = subject.ValueKind == JsonValueKind.Object && subject.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                if (string.IsNullOrEmpty(name))
                {
                    errors.Add($"subject[{index}]: name is required");
                }
                else if (!names.Add(name))
                {
                    errors.Add($"subject[{index}]: name '{name}' is not unique");
                }

                if (subject.ValueKind != JsonValueKind.Object || !subject.TryGetProperty("digest", out _))
                {
                    errors.Add($"subject[{index}]: digest is required");
                }

                Descriptor(subject, $"subject[{index}]", errors);
            }
        }

        if (!statement.TryGetProperty("predicate", out var predicate) || predicate.ValueKind != JsonValueKind.Object)
        {
            errors.Add("predicate: an object is required");
            return errors;
        }

        Predicate(predicate, errors);
        return errors;
    }

    private static void Predicate(JsonElement predicate, List<string> errors)
    {
        if (Object(predicate, "buildDefinition", "predicate", errors) is { } build)
        {
            if (!build.TryGetProperty("buildType", out var type) || type.ValueKind != JsonValueKind.String || !Uri.TryCreate(type.GetString(), UriKind.Absolute, out _))
            {
                errors.Add("buildDefinition.buildType: an absolute URI is required");
            }

            Object(build, "externalParameters", "buildDefinition", errors);
            Optional(build, "internalParameters", JsonValueKind.Object, "buildDefinition", errors);
            Descriptors(build, "resolvedDependencies", "buildDefinition", errors);
        }

        if (Object(predicate, "runDetails", "predicate", errors) is { } run)
        {
            if (Object(run, "builder", "runDetails", errors) is { } builder
                && (!builder.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !Uri.TryCreate(id.GetString(), UriKind.Absolute, out _)))
            {
                errors.Add("runDetails.builder.id: an absolute URI is required");
            }

            if (run.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "startedOn", "finishedOn" })
                {
                    if (metadata.TryGetProperty(name, out var time) && (time.ValueKind != JsonValueKind.String || !time.TryGetDateTimeOffset(out _)))
                    {
                        errors.Add($"runDetails.metadata.{name}: an RFC 3339 timestamp is required");
                    }
                }
            }

            Descriptors(run, "byproducts", "runDetails", errors);
        }
    }

    private static void Descriptors(JsonElement parent, string name, string path, List<string> errors)
    {
        if (!parent.TryGetProperty(name, out var list))
        {
            return;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}.{name}: an array is required");
            return;
        }

        foreach (var (item, index) in list.EnumerateArray().Select((d, i) => (d, i)))
        {
            Descriptor(item, $"{path}.{name}[{index}]", errors);
        }
    }

    private static void Descriptor(JsonElement descriptor, string path, List<string> errors)
    {
        if (descriptor.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: an object is required");
            return;
        }

        if (!descriptor.TryGetProperty("uri", out _) && !descriptor.TryGetProperty("digest", out _) && !descriptor.TryGetProperty("content", out _))
        {
            errors.Add($"{path}: one of uri, digest or content is required");
        }

        if (!descriptor.TryGetProperty("digest", out var digest))
        {
            return;
        }

        if (digest.ValueKind != JsonValueKind.Object || !digest.EnumerateObject().Any())
        {
            errors.Add($"{path}.digest: a non-empty object is required");
            return;
        }

        foreach (var entry in digest.EnumerateObject())
        {
            var value = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : string.Empty;
            if (entry.Name != "gitCommit" && entry.Name != "gitTree" && entry.Name != "gitBlob" && entry.Name.Any(char.IsUpper))
            {
                errors.Add($"{path}.digest: algorithm '{entry.Name}' must be lowercase");
            }
            else if (s_lengths.TryGetValue(entry.Name, out var lengths) && !lengths.Contains(value.Length))
            {
                errors.Add($"{path}.digest.{entry.Name}: {value.Length} hex digits, expected {string.Join(" or ", lengths)}");
            }

            if (value.Length == 0 || !value.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)))
            {
                errors.Add($"{path}.digest.{entry.Name}: lowercase hex is required");
            }
        }
    }

    private static void Exact(JsonElement parent, string name, string expected, List<string> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() != expected)
        {
            errors.Add($"{name}: must be exactly '{expected}'");
        }
    }

    private static JsonElement? Object(JsonElement parent, string name, string path, List<string> errors)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        errors.Add($"{path}.{name}: an object is required");
        return null;
    }

    private static void Optional(JsonElement parent, string name, JsonValueKind kind, string path, List<string> errors)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind != kind)
        {
            errors.Add($"{path}.{name}: must be {kind.ToString().ToLowerInvariant()}");
        }
    }
}
