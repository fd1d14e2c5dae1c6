using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Runs;

namespace TrajectoryBuild.MacroBench.Report;

/// <summary>
/// One benchmark's result file, <c>artifacts/bench/&lt;name&gt;.json</c>: what ran (the command that reproduces it and the
/// commands timed), where (machine, load averages before and after) and when, its measurements, and its table rows.
/// </summary>
internal sealed class ResultFile(string name, string title, string reproduce)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly double[] _loadBefore = Machine.LoadAverages();
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly JsonArray _rows = [];

    public string Name { get; } = name;

    public JsonObject Results { get; } = [];

    /// <summary>Adds a table row; <paramref name="met"/> is null where there is no goal.</summary>
    public void Row(string what, string size, string median, string peak, string goal, bool? met, string command) => _rows.Add(new JsonObject
    {
        ["what"] = what,
        ["size"] = size,
        ["median"] = median,
        ["peak"] = peak,
        ["goal"] = goal,
        ["met"] = met,
        ["command"] = command,
    });

    public async Task<string> WriteAsync(string folder, CancellationToken cancellationToken)
    {
        var json = new JsonObject
        {
            ["benchmark"] = Name,
            ["title"] = title,
            ["reproduce"] = reproduce,
            ["date"] = _started.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["machine"] = Machine.ToJson(),
            ["load_average_before"] = Loads(_loadBefore),
            ["load_average_after"] = Loads(Machine.LoadAverages()),
            ["results"] = Results.DeepClone(),
            ["rows"] = _rows.DeepClone(),
        };
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Name}.json");
        await File.WriteAllTextAsync(path, json.ToJsonString(s_json) + "\n", cancellationToken).ConfigureAwait(false);
        return path;
    }

    public static string Seconds(double seconds) => seconds >= 10
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s")
        : seconds >= 0.1 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F2} s") : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:F1} ms");

    public static string Megabytes(double mb) => string.Create(CultureInfo.InvariantCulture, $"{mb:F0} MB");

    private static JsonArray Loads(double[] loads) => [.. loads.Select(l => (JsonNode)l)];
}
