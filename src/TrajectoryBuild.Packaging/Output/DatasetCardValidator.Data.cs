using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parquet;
using Parquet.Schema;

namespace TrajectoryBuild.Packaging.Output;

public static partial class DatasetCardValidator
{
    private const int MaxRowProblems = 20;

    /// <summary>
    /// Validates the card (<see cref="Validate"/>) and then the files its <c>configs</c> point at under
    /// <paramref name="root"/>: every <c>data_files</c> glob matches a file; every JSONL row has only declared columns and
    /// every value has its declared type (a list where a list is declared, a struct with declared keys only, ...); every
    /// Parquet column is declared with its Parquet type; each split has its <c>num_examples</c> rows.
    /// </summary>
    /// <param name="card">The card text.</param>
    /// <param name="root">The folder the card describes (holding <c>data/</c>).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The problems; empty when the card is valid and true to the files.</returns>
    public static async Task<IReadOnlyList<string>> ValidateAsync(string card, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        var errors = Validate(card).ToList();
        if (errors.Count > 0)
        {
            return errors;
        }

        var front = FrontMatter(card)!;
        var infos = ((List<object?>)front["dataset_info"]!).Cast<Dictionary<object, object?>>().ToList();
        foreach (var config in ((List<object?>)front["configs"]!).Cast<Dictionary<object, object?>>())
        {
            var name = Text(config, "config_name")!;
            var info = infos.FirstOrDefault(i => Text(i, "config_name") == name);
            var features = info is not null && info.TryGetValue("features", out var declared) ? ParseFields(declared, "features", string.Empty, []) : null;
            var expected = info is null ? [] : Maps(info, "splits", []).ToDictionary(s => Text(s, "name")!, s => long.Parse(Text(s, "num_examples")!, CultureInfo.InvariantCulture), StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var files in Maps(config, "data_files", []))
            {
                var split = Text(files, "split")!;
                var pattern = Text(files, "path")!;
                var matched = Glob(root, pattern);
                if (matched.Count == 0)
                {
                    problems.Add($"split '{split}': no file matches '{pattern}'");
                    continue;
                }

                long rows = 0;
                foreach (var file in matched)
                {
                    rows += file.EndsWith(".jsonl", StringComparison.Ordinal) ? CheckJsonl(root, file, features, problems)
                        : file.EndsWith(".parquet", StringComparison.Ordinal) ? await CheckParquetAsync(root, file, features, problems, cancellationToken).ConfigureAwait(false)
                        : Unknown(file, problems);
                }

                if (expected.TryGetValue(split, out var count) && count != rows)
                {
                    problems.Add($"split '{split}': dataset_info declares {count} examples, its files hold {rows} rows");
                }
            }

            errors.AddRange(problems.Take(MaxRowProblems).Select(p => $"configs '{name}': {p}"));
            if (problems.Count > MaxRowProblems)
            {
                errors.Add($"configs '{name}': ... and {problems.Count - MaxRowProblems} more");
            }
        }

        return errors;
    }

    private static long Unknown(string file, List<string> problems)
    {
        problems.Add($"{file}: not a .jsonl or .parquet file");
        return 0;
    }

    private static long CheckJsonl(string root, string file, ShardFeature? features, List<string> problems)
    {
        long rows = 0;
        var line = 0;
        foreach (var text in File.ReadLines(Path.Combine(root, file)))
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            rows++;
            try
            {
                using var row = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
                if (row.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{file}:{line}: the row is not a JSON object");
                }
                else if (features is not null && Mismatch(row.RootElement, features, string.Empty) is { } problem)
                {
                    problems.Add($"{file}:{line}: {problem}");
                }
            }
            catch (JsonException e)
            {
                problems.Add($"{file}:{line}: not JSON ({e.Message})");
            }
        }

        return rows;
    }

    // The first place where a JSON value does not have the declared type; null when it does. Null fits every type.
    private static string? Mismatch(JsonElement value, ShardFeature feature, string path)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        switch (feature.Kind)
        {
            case ShardFeatureKind.Value:
                return Fits(value, feature.Dtype!) ? null : $"'{path}' is {Describe(value)}, declared {feature.Dtype}";
            case ShardFeatureKind.List when value.ValueKind == JsonValueKind.Array:
                return value.EnumerateArray().Select((item, index) => Mismatch(item, feature.Item!, $"{path}[{index}]")).FirstOrDefault(p => p is not null);
            case ShardFeatureKind.Struct when value.ValueKind == JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    var field = feature.Fields.FirstOrDefault(f => f.Key == property.Name).Value;
                    var problem = field is null ? $"'{name}' is not declared{(path.Length == 0 ? " in features" : $" in {feature}")}" : Mismatch(property.Value, field, name);
                    if (problem is not null)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return $"'{path}' is {Describe(value)}, declared {feature}";
        }
    }

    private static bool Fits(JsonElement value, string dtype) => dtype switch
    {
        "bool" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "string" or "large_string" => value.ValueKind == JsonValueKind.String,
        "float16" or "float32" or "float64" => value.ValueKind == JsonValueKind.Number,
        "uint64" => value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out _),
        "int8" or "int16" or "int32" or "int64" or "uint8" or "uint16" or "uint32" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= Minimum(dtype) && n <= Maximum(dtype),
        _ => false,
    };

    private static long Minimum(string dtype) => dtype switch
    {
        "int8" => sbyte.MinValue,
        "int16" => short.MinValue,
        "int32" => int.MinValue,
        "int64" => long.MinValue,
        _ => 0,
    };

    private static long Maximum(string dtype) => dtype switch
    {
        "int8" => sbyte.MaxValue,
        "int16" => short.MaxValue,
        "int32" => int.MaxValue,
        "uint8" => byte.MaxValue,
        "uint16" => ushort.MaxValue,
        "uint32" => uint.MaxValue,
        _ => long.MaxValue,
    };

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "an integer" : "a number",
        _ => "a boolean",
    };

    private static async Task<long> CheckParquetAsync(string root, string file, ShardFeature? features, List<string> problems, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(Path.Combine(root, file));
        await using (stream.ConfigureAwait(false))
        {
            var reader = await ParquetReader.CreateAsync(stream, null, false, cancellationToken).ConfigureAwait(false);
            await using var disposeReader = reader.ConfigureAwait(false);
            foreach (var field in reader.Schema.Fields)
            {
                var declared = features?.Fields.FirstOrDefault(f => f.Key == field.Name).Value;
                var type = field is DataField { IsArray: false } data ? ParquetDtype(data.ClrType) : null;
                if (features is null)
                {
                    continue;
                }

                if (declared is null)
                {
                    problems.Add($"{file}: column '{field.Name}' is not declared in features");
                }
                else if (type is null || declared.Kind != ShardFeatureKind.Value || !Same(declared.Dtype!, type))
                {
                    problems.Add($"{file}: column '{field.Name}' is Parquet {type ?? (field is DataField d ? d.ClrType.Name : field.SchemaType.ToString())}, declared {declared}");
                }
            }

            return reader.Metadata?.NumRows ?? 0;
        }
    }

    internal static string? ParquetDtype(Type type) =>
        type == typeof(string) || type == typeof(ReadOnlyMemory<char>) ? "string"
        : type == typeof(bool) ? "bool"
        : type == typeof(long) ? "int64"
        : type == typeof(int) ? "int32"
        : type == typeof(double) ? "float64"
        : type == typeof(float) ? "float32"
        : null;

    private static bool Same(string declared, string parquet) => declared == parquet || (declared == "large_string" && parquet == "string");

    // The files a data_files path matches: '*' stands for any characters within one path segment.
    internal static List<string> Glob(string root, string pattern)
    {
        if (Path.IsPathRooted(pattern) || pattern.Split('/').Contains(".."))
        {
            return [];
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return File.Exists(Path.Combine(root, pattern)) ? [pattern] : [];
        }

        var slash = pattern.LastIndexOf('/', star);
        var folder = slash < 0 ? root : Path.Combine(root, pattern[..slash]);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => regex.IsMatch(f))
            .Order(StringComparer.Ordinal)];
    }
}
