using System.Text.Json;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>
/// The Argilla 2.x dataset settings for per-turn scoring, in the shape <c>rg.Settings.to_json</c> writes and
/// <c>rg.Settings.from_json</c> reads: two text fields, one rating question per axis (values 1 to 3, the guidelines as
/// its description), an optional comment, and the metadata the records carry.
/// </summary>
public static class ArgillaSettings
{
    /// <summary>The field holding the rendered turn (thought, tool calls, observation).</summary>
    public const string TurnField = "turn_text";

    /// <summary>The field holding the issue and the earlier turns.</summary>
    public const string ContextField = "context";

    /// <summary>The text question holding the annotator's comment.</summary>
    public const string CommentQuestion = "comment";

    /// <summary>The terms metadata listing the user ids whose responses on a record are adjudicated decisions.</summary>
    public const string AdjudicatedBy = "adjudicated_by";

    /// <summary>The terms metadata listing the user ids whose responses on a record are gold references.</summary>
    public const string GoldBy = "gold_by";

    /// <summary>The settings JSON.</summary>
    public static string Json() => JsonOutput.ToText(json =>
    {
        json.WriteStartObject();
        json.WriteString("guidelines", Guidelines.Markdown());
        json.WriteStartArray("questions");
        foreach (var axis in Axes.All)
        {
            Question(json, axis.Name, axis.Title, Guidelines.Describe(axis), s =>
            {
                s.WriteString("type", "rating");
                s.WriteStartArray("options");
                foreach (var level in axis.Levels)
                {
                    s.WriteStartObject();
                    s.WriteNumber("value", level.Value);
                    s.WriteEndObject();
                }

                s.WriteEndArray();
            });
        }

        Question(json, CommentQuestion, "Comment", "Optional: anything the scores do not say.", s =>
        {
            s.WriteString("type", "text");
            s.WriteBoolean("use_markdown", false);
        });
        json.WriteEndArray();
        json.WriteStartArray("fields");
        Field(json, TurnField, "Turn", required: true);
        Field(json, ContextField, "Context (issue and earlier turns)", required: false);
        json.WriteEndArray();
        json.WriteStartArray("vectors");
        json.WriteEndArray();
        json.WriteStartArray("metadata");
        Metadata(json, "trajectory_id", "Trajectory", "terms");
        Metadata(json, "turn", "Turn", "integer");
        Metadata(json, "instance_id", "Instance", "terms");
        Metadata(json, "scaffold", "Scaffold", "terms");
        Metadata(json, "model", "Model", "terms");
        Metadata(json, AdjudicatedBy, "Adjudicated by", "terms", visible: false);
        Metadata(json, GoldBy, "Gold by", "terms", visible: false);
        json.WriteEndArray();
        json.WriteBoolean("allow_extra_metadata", false);
        json.WriteStartObject("distribution");
        json.WriteString("strategy", "overlap");
        json.WriteNumber("min_submitted", 1);
        json.WriteEndObject();
        json.WriteEndObject();
    });

    private static void Question(Utf8JsonWriter json, string name, string title, string description, Action<Utf8JsonWriter> settings)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("title", title);
        json.WriteString("description", description);
        // Not required: an axis may be left unscored (missing, never a score), as in our own label file.
        json.WriteBoolean("required", false);
        json.WriteStartObject("settings");
        settings(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Field(Utf8JsonWriter json, string name, string title, bool required)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("title", title);
        json.WriteBoolean("required", required);
        json.WriteNull("description");
        json.WriteStartObject("settings");
        json.WriteString("type", "text");
        json.WriteBoolean("use_markdown", true);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Metadata(Utf8JsonWriter json, string name, string title, string type, bool visible = true)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("title", title);
        json.WriteStartObject("settings");
        json.WriteString("type", type);
        if (type == "terms")
        {
            json.WriteNull("values");
        }
        else
        {
            json.WriteNumber("min", 0);
            json.WriteNull("max");
        }

        json.WriteEndObject();
        json.WriteBoolean("visible_for_annotators", visible);
        json.WriteEndObject();
    }
}
