using System.Globalization;
using System.Text.Json;

namespace TrajectoryBuild.Verification.Labels.Formats;

public static partial class LabelStudioFormat
{
    /// <summary>
    /// Reads a Label Studio JSON export (Export -> JSON, or a snapshot with drafts) into annotations, one per trajectory,
    /// kind and annotator, in file order. Cancelled (skipped) annotations and predictions are ignored; drafts are read as
    /// unsubmitted. The annotator is <c>completed_by.email</c> when the export has it, else <c>label-studio-user-{id}</c>
    /// from the numeric user id. Fields Label Studio adds (created_at, lead_time, updated_by ...) are tolerated.
    /// </summary>
    /// <param name="stream">The export.</param>
    /// <param name="path">The file name errors report.</param>
    /// <exception cref="LabelFileException">The file, the task and a JSON path (<c>$[3].annotations[0].result[2]</c>), what is wrong and how to fix it.</exception>
    public static IReadOnlyList<TrajectoryAnnotation> ReadExport(Stream stream, string path)
    {
        var source = new ImportSource(path);
        return source.ReadAll(stream, "a Label Studio JSON export: an array of tasks", "task", (collector, task, where) => ReadTask(source, collector, task, where));
    }

    private static void ReadTask(ImportSource source, AnnotationCollector collector, JsonElement task, JsonLocation where)
    {
        if (task.ValueKind != JsonValueKind.Object || !task.TryGetProperty("data", out var data))
        {
            throw source.Fail(where, "not a task (an object with 'data')", "export the project as JSON (not JSON_MIN or CSV)");
        }

        var trajectoryId = source.RequiredString(data, "trajectory_id", where["data"]);
        var turn = source.RequiredIndex(data, "turn", where["data"]);
        foreach (var (annotation, i) in ImportSource.Items(task, "annotations"))
        {
            if (annotation.TryGetProperty("was_cancelled", out var cancelled) && cancelled.ValueKind == JsonValueKind.True)
            {
                continue;
            }

            var at = where["annotations", i];
            var annotator = Annotator(source, annotation, "completed_by", at);
            var gold = annotation.TryGetProperty("ground_truth", out var truth) && truth.ValueKind == JsonValueKind.True;
            ReadResult(source, collector, trajectoryId, turn, annotator, gold, submitted: true, annotation, at);
        }

        foreach (var (draft, i) in ImportSource.Items(task, "drafts"))
        {
            var at = where["drafts", i];
            var annotator = Annotator(source, draft, draft.TryGetProperty("user", out _) ? "user" : "completed_by", at);
            var gold = draft.TryGetProperty("ground_truth", out var truth) && truth.ValueKind == JsonValueKind.True;
            ReadResult(source, collector, trajectoryId, turn, annotator, gold, submitted: false, draft, at);
        }
    }

    private static void ReadResult(ImportSource source, AnnotationCollector collector, string trajectoryId, int turn, string annotator, bool gold, bool submitted, JsonElement annotation, JsonLocation at)
    {
        var scores = new int?[Axes.All.Count];
        string? comment = null;
        var adjudicated = false;
        foreach (var (region, k) in ImportSource.Items(annotation, "result"))
        {
            var location = at["result", k];
            var name = region.TryGetProperty("from_name", out var from) && from.ValueKind == JsonValueKind.String ? from.GetString()! : "";
            var value = region.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Object ? v : default;
            if (Axes.Find(name) is { } axis)
            {
                var axisIndex = Axes.All.ToList().IndexOf(axis);
                if (scores[axisIndex] is not null)
                {
                    throw source.Fail(location, $"{name} is scored twice in one annotation", "keep one choice per axis (the config's Choices are single-choice)");
                }

                scores[axisIndex] = source.Score(axis, ScoreValue(source, value, name, location), location);
            }
            else if (name == LabelStudioConfig.CommentName)
            {
                comment = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.Array
                    ? string.Join('\n', text.EnumerateArray().Select(t => t.GetString()))
                    : throw source.Fail(location, "the comment has no value.text", "a TextArea result holds {\"text\": [\"...\"]}");
            }
            else if (name == LabelStudioConfig.AdjudicationName)
            {
                adjudicated = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("choices", out var c) && c.EnumerateArray().Any(x => x.GetString() == LabelStudioConfig.AdjudicatedChoice);
            }
            else
            {
                throw source.Fail(location, $"unknown control '{name}'", $"the labeling config names {string.Join(", ", Axes.All.Select(a => a.Name))}, {LabelStudioConfig.CommentName} and {LabelStudioConfig.AdjudicationName}; use LabelStudioConfig.Xml() unchanged");
            }
        }

        var kind = gold ? AnnotationKind.Gold : adjudicated ? AnnotationKind.Adjudicated : AnnotationKind.Human;
        collector.Add(trajectoryId, annotator, kind, submitted, new TurnLabel(turn, new TurnScores(scores), comment), at);
    }

    // A Choices result holds {"choices": ["3"]}; a Rating control (if a project swapped one in) holds {"rating": 3}.
    private static JsonElement ScoreValue(ImportSource source, JsonElement value, string axis, JsonLocation location)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            return choices.GetArrayLength() == 1
                ? choices[0]
                : throw source.Fail(location, $"{axis} has {choices.GetArrayLength()} choices", "one level per axis");
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("rating", out var rating))
        {
            return rating;
        }

        throw source.Fail(location, $"{axis} has no value.choices (or value.rating)", "score the axis with the config's Choices control");
    }

    // Label Studio exports completed_by as the user's id, or as {"id", "email", ...} when asked for full user data.
    private static string Annotator(ImportSource source, JsonElement annotation, string property, JsonLocation location)
    {
        if (annotation.TryGetProperty(property, out var user))
        {
            if (user.ValueKind == JsonValueKind.Object && user.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String && email.GetString() is { Length: > 0 } address)
            {
                return address;
            }

            var id = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("id", out var inner) ? inner : user;
            if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number))
            {
                return "label-studio-user-" + number.ToString(CultureInfo.InvariantCulture);
            }

            if (id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } name)
            {
                return name;
            }
        }

        throw source.Fail(location, $"no annotator ('{property}' is missing or empty)", "export from Label Studio, which records who completed each annotation");
    }
}
