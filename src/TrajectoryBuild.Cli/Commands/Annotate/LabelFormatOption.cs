using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Labels.Formats;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary>The label format options of <c>annotate export</c> and <c>annotate convert</c>, and writing a label file with its tool setup.</summary>
internal static class LabelFormatOption
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public static Option<string> Create(string name, string description, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { Description = description, DefaultValueFactory = _ => LabelFiles.Jsonl, HelpName = "format" };
        option.AcceptOnlyFromAmong([.. LabelFiles.Formats]);
        return option;
    }

    /// <summary>
    /// Writes the labels to <paramref name="path"/> (temp file, then rename) or stdout. For Label Studio and Argilla, the
    /// tool's setup (labeling config, dataset settings) goes beside the file, as <c>PATH.config.xml</c> or <c>PATH.settings.json</c>.
    /// </summary>
    public static async Task WriteAsync(
        string format,
        string? path,
        IReadOnlyList<AnnotationItem> items,
        IReadOnlyList<TrajectoryAnnotation> annotations,
        IReadOnlyList<GatePrediction> predictions,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        LabelFiles.Write(format, buffer, items, annotations, predictions);
        if (path is null)
        {
            await stdout.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
            return;
        }

        await WriteFileAsync(path, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
        var what = format == LabelFiles.Jsonl ? $"{annotations.Count} annotations" : $"{items.Count} trajectories with {annotations.Count} annotations";
        await stderr.WriteLineAsync($"{what} written to {path} ({format})").ConfigureAwait(false);
        if (format == LabelFiles.Argilla)
        {
            // Argilla responses carry user ids only: the names go beside, so the records convert back to the same labels.
            var users = new JsonObject(annotations.Select(a => a.Annotator).Distinct().Order(StringComparer.Ordinal)
                .Select(name => KeyValuePair.Create(ArgillaFormat.UserId(name).ToString(), (JsonNode?)name)));
            await WriteFileAsync(UsersFile(path), Encoding.UTF8.GetBytes(users.ToJsonString(s_indented) + "\n"), cancellationToken).ConfigureAwait(false);
            await stderr.WriteLineAsync($"annotator names by Argilla user id written to {UsersFile(path)}").ConfigureAwait(false);
        }

        if (LabelFiles.Setup(format) is { } setup)
        {
            var setupPath = path + (format == LabelFiles.LabelStudio ? ".config.xml" : ".settings.json");
            await WriteFileAsync(setupPath, Encoding.UTF8.GetBytes(setup), cancellationToken).ConfigureAwait(false);
            await stderr.WriteLineAsync($"{(format == LabelFiles.LabelStudio ? "labeling config" : "dataset settings")} written to {setupPath}").ConfigureAwait(false);
        }
    }

    /// <summary>The file beside Argilla records that maps user ids to annotator names: <c>PATH.users.json</c>.</summary>
    public static string UsersFile(string recordsPath) => recordsPath + ".users.json";

    /// <summary>Reads a user id to name map (<c>{"uuid": "name"}</c>), as written beside exported records or from Argilla's users.</summary>
    public static Dictionary<Guid, string> ReadUsers(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))!.AsObject().ToDictionary(p => Guid.Parse(p.Key), p => p.Value!.GetValue<string>());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new LabelFileException(path, 0, $"not a user map: {e.Message}", "a JSON object from Argilla user id to annotator name, e.g. {\"5f1c...\": \"alice\"}", e);
        }
    }

    private static async Task WriteFileAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
