using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Checks the record sets of <c>croissant.json</c> (as <see cref="Croissant"/> writes them) against the files their fields
/// read: every field is well-formed Croissant 1.1 (a leaf has one <c>dataType</c> and a <c>source</c>, a nested field has
/// <c>subField</c>s and no <c>dataType</c>, <c>isArray</c> goes with an <c>arrayShape</c> of <c>-1</c> per level, a
/// subField's <c>jsonPath</c> transforms walk down to its key); a field reading JSONL holds the type every row has there
/// (<c>sc:Text</c> only for strings, never for an object or array); a field reading Parquet is a leaf with the column's
/// type (JSON columns are strings there, <c>sc:Text</c>).
/// </summary>
public static class CroissantValidator
{
    private const int MaxProblems = 20;

    /// <summary>The fields of a record set (without its <c>split</c> field) as one struct, in field order.</summary>
    /// <param name="croissant">The <c>croissant.json</c> text.</param>
    /// <param name="recordSet">The record set id (the config name).</param>
    /// <returns>The declared field tree, e.g. <c>struct&lt;labels: list&lt;bool&gt;&gt;</c>; null when there is no such record set.</returns>
    /// <exception cref="FormatException">A field is malformed (see <see cref="Validate"/>).</exception>
    public static ShardFeature? Fields(string croissant, string recordSet)
    {
        using var document = JsonDocument.Parse(croissant);
        var set = RecordSets(document.RootElement).FirstOrDefault(r => Id(r) == recordSet);
        if (set.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        var errors = new List<string>();
        var fields = Declared(set, errors);
        return errors.Count > 0 ? throw new FormatException(string.Join("\n", errors)) : ShardFeature.Struct(fields);
    }

    /// <summary>Checks the shape of every field of every record set that reads files.</summary>
    /// <param name="croissant">The <c>croissant.json</c> text.</param>
    /// <returns>The problems; empty when every field is well-formed.</returns>
    public static IReadOnlyList<string> Validate(string croissant)
    {
        ArgumentNullException.ThrowIfNull(croissant);
        using var document = JsonDocument.Parse(croissant);
        var errors = new List<string>();
        foreach (var set in RecordSets(document.RootElement).Where(r => !r.TryGetProperty("data", out _)))
        {
            Declared(set, errors);
        }

        return errors;
    }

    /// <summary>
    /// Validates the fields (<see cref="Validate"/>) and then the files each record set reads under <paramref name="root"/>:
    /// every JSONL value has its field's type (null fits any), every JSONL column is a field or named in the record set's
    /// description as not declared, and every Parquet field is a column with that Parquet type.
    /// </summary>
    /// <param name="croissant">The <c>croissant.json</c> text.</param>
    /// <param name="root">The folder it describes (holding <c>data/</c>).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The problems; empty when the metadata is true to the files.</returns>
    public static async Task<IReadOnlyList<string>> ValidateAsync(string croissant, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        var errors = Validate(croissant).ToList();
        if (errors.Count > 0)
        {
            return errors;
        }

        using var document = JsonDocument.Parse(croissant);
        var fileSets = document.RootElement.GetProperty("distribution").EnumerateArray()
            .Where(d => Text(d, "@type") == "cr:FileSet")
            .ToDictionary(d => Id(d)!, StringComparer.Ordinal);
        foreach (var set in RecordSets(document.RootElement).Where(r => !r.TryGetProperty("data", out _)))
        {
            var name = Id(set);
            var problems = new List<string>();
            var fields = Declared(set, problems);
            var fileSetId = set.GetProperty("field").EnumerateArray().Select(f => f.GetProperty("source").GetProperty("fileSet").GetProperty("@id").GetString()).First();
            if (fileSetId is null || !fileSets.TryGetValue(fileSetId, out var fileSet))
            {
                errors.Add($"recordSet '{name}': reads fileSet '{fileSetId}', which the distribution does not have");
                continue;
            }

            var format = Text(fileSet, "encodingFormat");
            var described = Text(set, "description") ?? string.Empty;
            var at = described.IndexOf(Croissant.NotDeclared, StringComparison.Ordinal);
            var omitted = at < 0 ? string.Empty : described[(at + Croissant.NotDeclared.Length)..];
            foreach (var file in fileSet.GetProperty("includes").EnumerateArray().SelectMany(i => DatasetCardValidator.Glob(root, i.GetString()!)))
            {
                if (format == Croissant.EncodingFormat(ShardFileFormat.Jsonl))
                {
                    CheckJsonl(root, file, fields, omitted, problems);
                }
                else
                {
                    await CheckParquetAsync(root, file, fields, problems, cancellationToken).ConfigureAwait(false);
                }
            }

            errors.AddRange(problems.Take(MaxProblems).Select(p => $"recordSet '{name}': {p}"));
            if (problems.Count > MaxProblems)
            {
                errors.Add($"recordSet '{name}': ... and {problems.Count - MaxProblems} more");
            }
        }

        return errors;
    }

    private static List<JsonElement> RecordSets(JsonElement root) =>
        root.TryGetProperty("recordSet", out var sets) && sets.ValueKind == JsonValueKind.Array ? [.. sets.EnumerateArray()] : [];

    private static string? Id(JsonElement element) => Text(element, "@id");

    private static string? Text(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The record set's fields read from columns (the split field, read from the file path, left out), by column name.
    private static List<KeyValuePair<string, ShardFeature>> Declared(JsonElement set, List<string> errors)
    {
        var name = Id(set) ?? "?";
        var result = new List<KeyValuePair<string, ShardFeature>>();
        if (!set.TryGetProperty("field", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"recordSet '{name}': no field array");
            return result;
        }

        foreach (var field in fields.EnumerateArray())
        {
            var id = Id(field);
            if (id is null || !id.StartsWith(name + "/", StringComparison.Ordinal))
            {
                errors.Add($"recordSet '{name}': field '{id}' needs an @id starting with '{name}/'");
                continue;
            }

            if (field.TryGetProperty("source", out var source) && source.TryGetProperty("extract", out var extract) && extract.TryGetProperty("fileProperty", out _))
            {
                continue;
            }

            var column = id[(name.Length + 1)..];
            if (result.Any(f => f.Key == column))
            {
                errors.Add($"field '{id}': declared twice");
                continue;
            }

            if (Parse(field, column, [], errors) is { } feature)
            {
                result.Add(new(column, feature));
            }
        }

        return result;
    }

    private static ShardFeature? Parse(JsonElement field, string column, IReadOnlyList<string> keys, List<string> errors)
    {
        var id = Id(field)!;
        if (Text(field, "@type") != "cr:Field")
        {
            errors.Add($"field '{id}': @type must be cr:Field");
        }

        var hasSubFields = field.TryGetProperty("subField", out var subFields);
        var dataType = Text(field, "dataType");
        ShardFeature? feature;
        if (hasSubFields)
        {
            if (dataType is not null || field.TryGetProperty("source", out _))
            {
                errors.Add($"field '{id}': a field with subField has neither dataType nor source (each subField reads its own key)");
            }

            var parsed = new List<KeyValuePair<string, ShardFeature>>();
            foreach (var sub in subFields.ValueKind == JsonValueKind.Array ? subFields.EnumerateArray() : [])
            {
                var subId = Id(sub);
                if (subId is null || !subId.StartsWith(id + "/", StringComparison.Ordinal))
                {
                    errors.Add($"field '{id}': subField '{subId}' needs an @id starting with '{id}/'");
                    continue;
                }

                var key = subId[(id.Length + 1)..];
                if (Parse(sub, column, [.. keys, key], errors) is { } value)
                {
                    parsed.Add(new(key, value));
                }
            }

            if (parsed.Count == 0)
            {
                errors.Add($"field '{id}': subField must be a non-empty array of fields");
                return null;
            }

            feature = ShardFeature.Struct(parsed);
        }
        else
        {
            var dtype = dataType switch
            {
                "sc:Text" => "string",
                "sc:Boolean" => "bool",
                "sc:Integer" => "int64",
                "sc:Float" => "float64",
                _ => null,
            };
            if (dtype is null)
            {
                errors.Add($"field '{id}': dataType '{dataType}' is not sc:Text, sc:Boolean, sc:Integer or sc:Float");
                return null;
            }

            CheckSource(field, id, column, keys, errors);
            feature = ShardFeature.Value(dtype);
        }

        var isArray = field.TryGetProperty("isArray", out var array) && array.ValueKind == JsonValueKind.True;
        var shape = Text(field, "arrayShape");
        if (!isArray)
        {
            if (field.TryGetProperty("isArray", out _) || shape is not null)
            {
                errors.Add($"field '{id}': arrayShape and isArray go together, and isArray is true when present");
            }

            return feature;
        }

        var levels = shape?.Split(',') ?? [];
        if (levels.Length == 0 || levels.Any(l => l != "-1"))
        {
            errors.Add($"field '{id}': arrayShape '{shape}' must be -1 per list level (e.g. \"-1\", \"-1,-1\")");
            return feature;
        }

        foreach (var _ in levels)
        {
            feature = ShardFeature.List(feature);
        }

        return feature;
    }

    // A leaf reads its top-level column from a fileSet and walks down with one jsonPath transform per key.
    private static void CheckSource(JsonElement field, string id, string column, IReadOnlyList<string> keys, List<string> errors)
    {
        if (!field.TryGetProperty("source", out var source) || !source.TryGetProperty("fileSet", out var fileSet) || Id(fileSet) is null)
        {
            errors.Add($"field '{id}': source needs a fileSet reference");
            return;
        }

        if (!source.TryGetProperty("extract", out var extract) || Text(extract, "column") != column)
        {
            errors.Add($"field '{id}': source.extract.column must be '{column}'");
        }

        var steps = !source.TryGetProperty("transform", out var transform) ? []
            : transform.ValueKind == JsonValueKind.Array ? transform.EnumerateArray().Select(t => Text(t, "jsonPath")).ToList()
            : [Text(transform, "jsonPath")];
        var expected = keys.Select(Croissant.JsonPathKey).ToList();
        if (!steps.SequenceEqual(expected))
        {
            errors.Add($"field '{id}': source.transform must be the jsonPath steps [{string.Join(", ", expected)}], found [{string.Join(", ", steps)}]");
        }
    }

    private static void CheckJsonl(string root, string file, List<KeyValuePair<string, ShardFeature>> fields, string omitted, List<string> problems)
    {
        var line = 0;
        foreach (var text in File.ReadLines(Path.Combine(root, file)).Where(t => t.Length > 0))
        {
            line++;
            using var row = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            foreach (var property in row.RootElement.EnumerateObject())
            {
                var declared = fields.FirstOrDefault(f => f.Key == property.Name).Value;
                var problem = declared is not null ? Mismatch(property.Value, declared, property.Name)
                    : omitted.Contains($"`{property.Name}", StringComparison.Ordinal) ? null
                    : $"'{property.Name}' is neither a field nor named as not declared";
                if (problem is not null)
                {
                    problems.Add($"{file}:{line}: {problem}");
                }
            }
        }
    }

    // Where a JSON value does not have the field's type; null fits every type, keys a struct does not declare are not read.
    private static string? Mismatch(JsonElement value, ShardFeature feature, string path)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        return feature.Kind switch
        {
            ShardFeatureKind.Value when Fits(value, feature.Dtype!) => null,
            ShardFeatureKind.List when value.ValueKind == JsonValueKind.Array =>
                value.EnumerateArray().Select((item, index) => Mismatch(item, feature.Item!, $"{path}[{index}]")).FirstOrDefault(p => p is not null),
            ShardFeatureKind.Struct when value.ValueKind == JsonValueKind.Object => feature.Fields
                .Select(f => value.TryGetProperty(f.Key, out var item) ? Mismatch(item, f.Value, $"{path}.{f.Key}") : null)
                .FirstOrDefault(p => p is not null),
            _ => $"'{path}' is {DatasetCardValidator.Describe(value)}, declared {Croissant1(feature)}",
        };
    }

    private static bool Fits(JsonElement value, string dtype) => dtype switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "bool" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "int64" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => value.ValueKind == JsonValueKind.Number,
    };

    private static string Croissant1(ShardFeature feature) => feature.Kind switch
    {
        ShardFeatureKind.Value => Croissant.CroissantType(feature.Dtype!),
        ShardFeatureKind.List => "an array (isArray)",
        _ => "an object (subField)",
    };

    private static async Task CheckParquetAsync(string root, string file, List<KeyValuePair<string, ShardFeature>> fields, List<string> problems, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(Path.Combine(root, file));
        await using (stream.ConfigureAwait(false))
        {
            var reader = await ParquetReader.CreateAsync(stream, null, false, cancellationToken).ConfigureAwait(false);
            await using var disposeReader = reader.ConfigureAwait(false);
            foreach (var (name, declared) in fields)
            {
                var column = reader.Schema.Fields.FirstOrDefault(f => f.Name == name);
                var type = column is DataField { IsArray: false } data ? DatasetCardValidator.ParquetDtype(data.ClrType) : null;
                if (column is null)
                {
                    problems.Add($"{file}: field '{name}' reads no Parquet column");
                }
                else if (type is null || declared.Kind != ShardFeatureKind.Value || Croissant.CroissantType(type) != Croissant.CroissantType(declared.Dtype!))
                {
                    problems.Add($"{file}: column '{name}' is Parquet {type ?? column.SchemaType.ToString()}, declared {Croissant1(declared)}");
                }
            }
        }
    }
}
