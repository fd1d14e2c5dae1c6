using System.Text;
using System.Text.Json;

namespace TrajectoryBuild.Verification.Labels;

/// <summary>
/// Our own label file: JSON Lines, one <see cref="TrajectoryAnnotation"/> per line, sorted by trajectory, kind and
/// annotator, every field always present:
/// <code>{"trajectory_id":"t1","annotator":"alice","kind":"human","submitted":true,"guidelines_version":1,
///  "turns":[{"turn":0,"relevance":3,"factual_grounding":2,"tool_selection":3,"redundancy":null,"unsafe_edits":3,"comment":null}]}</code>
/// The same annotations always give the same bytes (the build hashes each trajectory's lines).
/// </summary>
public static class LabelsJsonl
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = false, SkipValidation = false };

    /// <summary>Writes <paramref name="annotations"/> in file order.</summary>
    public static void Write(Stream stream, IEnumerable<TrajectoryAnnotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(annotations);
        foreach (var annotation in annotations.Order(TrajectoryAnnotation.FileOrder))
        {
            stream.Write(Line(annotation));
            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>Writes <paramref name="annotations"/> to <paramref name="path"/> (temp file, then rename).</summary>
    public static void WriteFile(string path, IEnumerable<TrajectoryAnnotation> annotations)
    {
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            Write(stream, annotations);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>One annotation as its JSON line (UTF-8, no newline).</summary>
    public static byte[] Line(TrajectoryAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            json.WriteString("trajectory_id", annotation.TrajectoryId);
            json.WriteString("annotator", annotation.Annotator);
            json.WriteString("kind", KindName(annotation.Kind));
            json.WriteBoolean("submitted", annotation.Submitted);
            json.WriteNumber("guidelines_version", Axes.GuidelinesVersion);
            json.WriteStartArray("turns");
            foreach (var turn in annotation.Turns.OrderBy(t => t.Turn))
            {
                json.WriteStartObject();
                json.WriteNumber("turn", turn.Turn);
                for (var i = 0; i < Axes.All.Count; i++)
                {
                    if (turn.Scores[i] is { } score)
                    {
                        json.WriteNumber(Axes.All[i].Name, score);
                    }
                    else
                    {
                        json.WriteNull(Axes.All[i].Name);
                    }
                }

                json.WriteString("comment", turn.Comment);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a label file; every problem names the file and line.</summary>
    public static IReadOnlyList<TrajectoryAnnotation> ReadFile(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    /// <summary>Reads label lines; <paramref name="path"/> names the source in errors. Blank lines are skipped.</summary>
    public static IReadOnlyList<TrajectoryAnnotation> Read(TextReader reader, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new List<TrajectoryAnnotation>();
        var seen = new Dictionary<(string, AnnotationKind, string), int>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var annotation = ParseLine(line, path, number);
            var key = (annotation.TrajectoryId, annotation.Kind, annotation.Annotator);
            if (seen.TryGetValue(key, out var first))
            {
                throw new LabelFileException(path, number, $"a second {KindName(annotation.Kind)} annotation of trajectory '{annotation.TrajectoryId}' by '{annotation.Annotator}' (the first is on line {first})", "one line per trajectory, kind and annotator: merge the turns into one line");
            }

            seen[key] = number;
            result.Add(annotation);
        }

        return result;
    }

    /// <summary>The file name of <paramref name="kind"/>: <c>human</c>, <c>adjudicated</c> or <c>gold</c>.</summary>
    public static string KindName(AnnotationKind kind) => kind switch
    {
        AnnotationKind.Human => "human",
        AnnotationKind.Adjudicated => "adjudicated",
        AnnotationKind.Gold => "gold",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public static AnnotationKind? ParseKind(string? name) => name switch
    {
        "human" => AnnotationKind.Human,
        "adjudicated" => AnnotationKind.Adjudicated,
        "gold" => AnnotationKind.Gold,
        _ => null,
    };

    private static TrajectoryAnnotation ParseLine(string line, string path, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new LabelFileException(path, number, $"not valid JSON: {e.Message}", "each line is one JSON object", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new LabelFileException(path, number, $"expected a JSON object, found {root.ValueKind}");
            }

            var fail = (string problem, string? hint) => new LabelFileException(path, number, problem, hint);
            RejectUnknown(root, ["trajectory_id", "annotator", "kind", "submitted", "guidelines_version", "turns"], fail);
            var version = root.TryGetProperty("guidelines_version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
            if (version != Axes.GuidelinesVersion)
            {
                throw fail($"guidelines_version is {version}, this build reads version {Axes.GuidelinesVersion}", "labels made under other guidelines must be re-labelled or converted");
            }

            var kindName = RequiredString(root, "kind", fail);
            var kind = ParseKind(kindName) ?? throw fail($"unknown kind '{kindName}'", "use human, adjudicated or gold");
            var submitted = !root.TryGetProperty("submitted", out var s) || s.ValueKind != JsonValueKind.False;
            if (!root.TryGetProperty("turns", out var turns) || turns.ValueKind != JsonValueKind.Array)
            {
                throw fail("missing 'turns' (an array)", null);
            }

            var labels = new List<TurnLabel>();
            foreach (var turn in turns.EnumerateArray())
            {
                labels.Add(ParseTurn(turn, labels, fail));
            }

            return new TrajectoryAnnotation(RequiredString(root, "trajectory_id", fail), RequiredString(root, "annotator", fail), kind, labels)
            {
                Submitted = submitted,
            };
        }
    }

    private static TurnLabel ParseTurn(JsonElement turn, List<TurnLabel> earlier, Func<string, string?, LabelFileException> fail)
    {
        if (turn.ValueKind != JsonValueKind.Object)
        {
            throw fail($"a turn must be an object, found {turn.ValueKind}", null);
        }

        RejectUnknown(turn, ["turn", "comment", .. Axes.All.Select(a => a.Name)], fail);
        if (!turn.TryGetProperty("turn", out var index) || !index.TryGetInt32(out var number) || number < 0)
        {
            throw fail("each turn needs 'turn', its 0-based step index", null);
        }

        if (earlier.Any(t => t.Turn == number))
        {
            throw fail($"turn {number} is labelled twice", "one entry per turn");
        }

        var values = new int?[Axes.All.Count];
        for (var i = 0; i < Axes.All.Count; i++)
        {
            var axis = Axes.All[i];
            if (!turn.TryGetProperty(axis.Name, out var score) || score.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!score.TryGetInt32(out var value) || !axis.IsValid(value))
            {
                throw fail($"turn {number}: {axis.Name} is {score.GetRawText()}", $"a score is {Axes.Min} to {Axes.Max}, or null when not scored");
            }

            values[i] = value;
        }

        var comment = turn.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new TurnLabel(number, new TurnScores(values), comment);
    }

    private static string RequiredString(JsonElement element, string name, Func<string, string?, LabelFileException> fail) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw fail($"missing '{name}' (a non-empty string)", null);

    private static void RejectUnknown(JsonElement element, IReadOnlyCollection<string> known, Func<string, string?, LabelFileException> fail)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw fail($"unknown field '{property.Name}'", $"known fields: {string.Join(", ", known)}");
            }
        }
    }
}
