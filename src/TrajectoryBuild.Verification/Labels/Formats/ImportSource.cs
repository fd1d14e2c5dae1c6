using System.Text.Json;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>
/// A tool's export being read: parses it and words every problem as <c>file: task 12 ($[3].annotations[0]): what (how to fix)</c>.
/// </summary>
internal sealed class ImportSource(string path)
{
    public string Path { get; } = path;

    /// <summary>Parses <paramref name="stream"/> as a JSON array (the shape both tools export).</summary>
    private JsonDocument ParseArray(Stream stream, string what)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new LabelFileException(Path, (int)(e.LineNumber ?? -1) + 1, $"not valid JSON: {e.Message}", $"expected {what}");
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Array)
        {
            document.Dispose();
            throw new LabelFileException(Path, 0, $"expected a JSON array, found {kind}", $"expected {what}");
        }

        return document;
    }

    /// <summary>
    /// Reads every item of the export's array with <paramref name="read"/>, naming each <c>{noun} {id}</c> (the
    /// tool's id) or <c>{noun} #n</c>, and gathers the labels into annotations.
    /// </summary>
    public IReadOnlyList<TrajectoryAnnotation> ReadAll(Stream stream, string what, string noun, Action<AnnotationCollector, JsonElement, JsonLocation> read)
    {
        using var document = ParseArray(stream, what);
        var collector = new AnnotationCollector(this);
        var index = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var id = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.String
                ? value.ToString()
                : $"#{index + 1}";
            read(collector, item, new JsonLocation($"{noun} {id}", $"$[{index}]"));
            index++;
        }

        return collector.Build();
    }

    public LabelFileException Fail(JsonLocation location, string problem, string? hint = null) => new(Path, 0, $"{location}: {problem}", hint);

    /// <summary>A required non-empty string property.</summary>
    public string RequiredString(JsonElement element, string name, JsonLocation location) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Fail(location[name], "missing (a non-empty string is required)", "export the tasks or records this tool was given by TrajectoryBuild, which carry it");

    /// <summary>A required non-negative integer property (a number or a string of digits, as tools round-trip them).</summary>
    public int RequiredIndex(JsonElement element, string name, JsonLocation location)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0)
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }

        throw Fail(location[name], "missing or not a 0-based turn index", "export the tasks or records this tool was given by TrajectoryBuild, which carry it");
    }

    /// <summary>The array property <paramref name="name"/>, empty when absent or null.</summary>
    public static IEnumerable<(JsonElement Element, int Index)> Items(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select((e, i) => (e, i))
            : [];

    /// <summary>The score a tool recorded for <paramref name="axis"/>: a number, or a string that is a level's value or display name.</summary>
    public int Score(AxisDefinition axis, JsonElement value, JsonLocation location)
    {
        int? score = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            JsonValueKind.String => ParseLevel(axis, value.GetString()!),
            _ => null,
        };
        return score is { } s && axis.IsValid(s)
            ? s
            : throw Fail(location, $"{axis.Name} is {value.GetRawText()}, not a level of the scale", $"a score is {Axes.Min} to {Axes.Max}; use the labeling config or dataset settings TrajectoryBuild generates");
    }

    private static int? ParseLevel(AxisDefinition axis, string text) =>
        axis.Levels.FirstOrDefault(l => text == l.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) || text == LevelName(l))?.Value;

    /// <summary>How a level is shown in a tool: <c>3 · on-task</c>.</summary>
    public static string LevelName(AxisLevel level) => $"{level.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} \u00b7 {level.Label}";
}
