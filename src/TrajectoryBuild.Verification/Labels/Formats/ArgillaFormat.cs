using System.Globalization;
using System.Text.Json;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>
/// Argilla 2.x records, as <c>dataset.records.to_json</c> writes them (<c>to_list(flatten=False)</c>) and
/// <c>rg.Record.from_dict</c> reads them: one record per (trajectory, turn) with the fields of
/// <see cref="ArgillaSettings"/>, per-axis rating responses per user, and the gate's scores as suggestions. Argilla knows
/// users by UUID: the exporter maps each annotator through <c>userIds</c> (else <see cref="UserId"/>) and the importer maps
/// UUIDs back through <c>annotators</c> (else the UUID's text is the annotator).
/// </summary>
public static partial class ArgillaFormat
{
    /// <summary>The settings to create the dataset with (see <see cref="ArgillaSettings.Json"/>).</summary>
    public static string DatasetSettings() => ArgillaSettings.Json();

    /// <summary>The UUID the exporter gives <paramref name="annotator"/> when no user id is supplied (derived from the name; stable).</summary>
    public static Guid UserId(string annotator) => StableId.Uuid("argilla-user", annotator);

    /// <summary>
    /// Writes a JSON array of records, by trajectory id then turn; record ids are <c>{trajectory_id}:{turn}</c>.
    /// Unsubmitted labels are written as <c>draft</c> responses; adjudicated and gold labels are marked through the
    /// <c>adjudicated_by</c> and <c>gold_by</c> metadata.
    /// </summary>
    /// <exception cref="ArgumentException">One annotator labels a turn twice (under two kinds), or a turn has two gate predictions: Argilla holds one response per user and question, and one suggestion per question.</exception>
    public static void WriteRecords(
        Stream stream,
        IEnumerable<AnnotationItem> items,
        IEnumerable<TrajectoryAnnotation>? annotations = null,
        IEnumerable<GatePrediction>? predictions = null,
        IReadOnlyDictionary<string, Guid>? userIds = null)
    {
        var units = TurnUnit.Of(items);
        var entries = new TurnEntries(annotations, predictions);
        string User(string annotator) => (userIds is not null && userIds.TryGetValue(annotator, out var id) ? id : UserId(annotator)).ToString();
        JsonOutput.Write(stream, json =>
        {
            json.WriteStartArray();
            foreach (var unit in units)
            {
                WriteRecord(json, unit, [.. entries.Labels(unit)], [.. entries.Predictions(unit)], User);
            }

            json.WriteEndArray();
        });
    }

    private static void WriteRecord(Utf8JsonWriter json, TurnUnit unit, List<TurnEntry> labels, List<GatePrediction> predictions, Func<string, string> user)
    {
        var name = $"{unit.TrajectoryId}:{unit.Turn.ToString(CultureInfo.InvariantCulture)}";
        if (labels.GroupBy(l => l.Annotation.Annotator).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"record {name}: '{twice.Key}' labels the turn twice ({string.Join(" and ", twice.Select(t => LabelsJsonl.KindName(t.Annotation.Kind)))}); Argilla keeps one response per user", nameof(labels));
        }

        if (predictions.Count > 1)
        {
            throw new ArgumentException($"record {name}: {predictions.Count} gate predictions ({string.Join(", ", predictions.Select(p => p.ModelVersion))}); Argilla keeps one suggestion per question", nameof(predictions));
        }

        json.WriteStartObject();
        json.WriteString("id", name);
        json.WriteStartObject("fields");
        json.WriteString(ArgillaSettings.TurnField, unit.Text);
        json.WriteString(ArgillaSettings.ContextField, unit.Context);
        json.WriteEndObject();

        json.WriteStartObject("metadata");
        json.WriteString("trajectory_id", unit.TrajectoryId);
        json.WriteNumber("turn", unit.Turn);
        OptionalString(json, "instance_id", unit.InstanceId);
        json.WriteString("scaffold", unit.Scaffold);
        OptionalString(json, "model", unit.Model);
        Users(json, ArgillaSettings.AdjudicatedBy, labels.Where(l => l.Annotation.Kind == AnnotationKind.Adjudicated).Select(l => user(l.Annotation.Annotator)));
        Users(json, ArgillaSettings.GoldBy, labels.Where(l => l.Annotation.Kind == AnnotationKind.Gold).Select(l => user(l.Annotation.Annotator)));
        json.WriteEndObject();

        json.WriteStartObject("suggestions");
        foreach (var prediction in predictions)
        {
            for (var i = 0; i < Axes.All.Count; i++)
            {
                if (prediction.Scores[i] is { } score)
                {
                    json.WriteStartObject(Axes.All[i].Name);
                    json.WriteNumber("value", score);
                    json.WriteNumber("score", prediction.Score);
                    json.WriteString("agent", prediction.ModelVersion);
                    json.WriteEndObject();
                }
            }
        }

        json.WriteEndObject();

        json.WriteStartObject("responses");
        for (var i = 0; i < Axes.All.Count; i++)
        {
            var axis = i;
            Responses(json, Axes.All[i].Name, labels.Where(l => l.Label.Scores[axis] is not null), l => w => w.WriteNumber("value", l.Label.Scores[axis]!.Value), user);
        }

        Responses(json, ArgillaSettings.CommentQuestion, labels.Where(l => l.Label.Comment is not null), l => w => w.WriteString("value", l.Label.Comment), user);
        json.WriteEndObject();
        json.WriteStartObject("vectors");
        json.WriteEndObject();
        json.WriteString("status", labels.Any(l => l.Annotation.Submitted) ? "completed" : "pending");
        json.WriteNull("_server_id");
        json.WriteEndObject();
    }

    private static void Responses(Utf8JsonWriter json, string question, IEnumerable<TurnEntry> labels, Func<TurnEntry, Action<Utf8JsonWriter>> value, Func<string, string> user)
    {
        var list = labels.ToList();
        if (list.Count == 0)
        {
            return;
        }

        json.WriteStartArray(question);
        foreach (var label in list)
        {
            json.WriteStartObject();
            value(label)(json);
            json.WriteString("user_id", user(label.Annotation.Annotator));
            json.WriteString("status", label.Annotation.Submitted ? "submitted" : "draft");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Users(Utf8JsonWriter json, string name, IEnumerable<string> users)
    {
        var list = users.Order(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var id in list)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
    }

    private static void OptionalString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
