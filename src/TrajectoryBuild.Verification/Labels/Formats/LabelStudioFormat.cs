using System.Globalization;
using System.Text.Json;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>
/// Label Studio's JSON task format: one task per (trajectory, turn), scored with the config of
/// <see cref="LabelStudioConfig"/>. <see cref="WriteTasks"/> writes the file to import into a project (with existing
/// labels as annotations and the gate's scores as predictions); <see cref="ReadExport"/> reads the project's JSON export
/// back into <see cref="TrajectoryAnnotation"/>s.
/// </summary>
public static partial class LabelStudioFormat
{
    /// <summary>The labeling config to paste into the project's settings (see <see cref="LabelStudioConfig.Xml"/>).</summary>
    public static string LabelingConfig() => LabelStudioConfig.Xml();

    /// <summary>
    /// Writes a JSON array of tasks, by trajectory id then turn. Each task's <c>data</c> holds the ids and the turn's
    /// texts; each label of the turn becomes an annotation (<c>completed_by</c> <c>{"email": annotator}</c>, gold labels
    /// with <c>ground_truth</c>, adjudicated ones with the <c>adjudication</c> box ticked); unsubmitted labels become
    /// <c>drafts</c>; each gate prediction becomes a prediction. No timestamps or server ids: the same input gives the
    /// same bytes.
    /// </summary>
    public static void WriteTasks(Stream stream, IEnumerable<AnnotationItem> items, IEnumerable<TrajectoryAnnotation>? annotations = null, IEnumerable<GatePrediction>? predictions = null)
    {
        var units = TurnUnit.Of(items);
        var entries = new TurnEntries(annotations, predictions);
        JsonOutput.Write(stream, json =>
        {
            json.WriteStartArray();
            foreach (var unit in units)
            {
                WriteTask(json, unit, entries);
            }

            json.WriteEndArray();
        });
    }

    private static void WriteTask(Utf8JsonWriter json, TurnUnit unit, TurnEntries entries)
    {
        json.WriteStartObject();
        json.WriteStartObject("data");
        json.WriteString("trajectory_id", unit.TrajectoryId);
        json.WriteNumber("turn", unit.Turn);
        json.StringOrNull("instance_id", unit.InstanceId);
        json.WriteString("scaffold", unit.Scaffold);
        json.StringOrNull("model", unit.Model);
        json.WriteString("title", unit.Title);
        json.WriteString("context", unit.Context);
        json.WriteString("thought", unit.Thought);
        json.WriteString("actions", unit.Actions);
        json.WriteString("observation", unit.Observation);
        json.WriteEndObject();

        var labels = entries.Labels(unit).ToList();
        json.WriteStartArray("annotations");
        foreach (var entry in labels.Where(e => e.Annotation.Submitted))
        {
            json.WriteStartObject();
            json.WriteStartObject("completed_by");
            json.WriteString("email", entry.Annotation.Annotator);
            json.WriteEndObject();
            WriteResult(json, unit, entry.Annotation.Annotator + "/" + LabelsJsonl.KindName(entry.Annotation.Kind), entry.Label.Scores, entry.Label.Comment, entry.Annotation.Kind == AnnotationKind.Adjudicated);
            json.WriteBoolean("was_cancelled", false);
            json.WriteBoolean("ground_truth", entry.Annotation.Kind == AnnotationKind.Gold);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var drafts = labels.Where(e => !e.Annotation.Submitted).ToList();
        if (drafts.Count > 0)
        {
            json.WriteStartArray("drafts");
            foreach (var entry in drafts)
            {
                json.WriteStartObject();
                json.WriteString("user", entry.Annotation.Annotator);
                WriteResult(json, unit, entry.Annotation.Annotator + "/draft/" + LabelsJsonl.KindName(entry.Annotation.Kind), entry.Label.Scores, entry.Label.Comment, entry.Annotation.Kind == AnnotationKind.Adjudicated);
                json.WriteBoolean("ground_truth", entry.Annotation.Kind == AnnotationKind.Gold);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("predictions");
        foreach (var prediction in entries.Predictions(unit))
        {
            json.WriteStartObject();
            json.WriteString("model_version", prediction.ModelVersion);
            json.WriteNumber("score", prediction.Score);
            WriteResult(json, unit, "gate/" + prediction.ModelVersion, prediction.Scores, comment: null, adjudicated: false);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, TurnUnit unit, string owner, TurnScores scores, string? comment, bool adjudicated)
    {
        var turn = unit.Turn.ToString(CultureInfo.InvariantCulture);
        json.WriteStartArray("result");
        for (var i = 0; i < Axes.All.Count; i++)
        {
            if (scores[i] is { } score)
            {
                var value = score.ToString(CultureInfo.InvariantCulture);
                WriteRegion(json, StableId.Short(unit.TrajectoryId, turn, owner, Axes.All[i].Name), Axes.All[i].Name, "choices", "choices", value);
            }
        }

        if (comment is not null)
        {
            WriteRegion(json, StableId.Short(unit.TrajectoryId, turn, owner, LabelStudioConfig.CommentName), LabelStudioConfig.CommentName, "textarea", "text", comment);
        }

        if (adjudicated)
        {
            WriteRegion(json, StableId.Short(unit.TrajectoryId, turn, owner, LabelStudioConfig.AdjudicationName), LabelStudioConfig.AdjudicationName, "choices", "choices", LabelStudioConfig.AdjudicatedChoice);
        }

        json.WriteEndArray();
    }

    private static void WriteRegion(Utf8JsonWriter json, string id, string fromName, string type, string valueName, string value)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("from_name", fromName);
        json.WriteString("to_name", LabelStudioConfig.TargetName);
        json.WriteString("type", type);
        json.WriteStartObject("value");
        json.WriteStartArray(valueName);
        json.WriteStringValue(value);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
