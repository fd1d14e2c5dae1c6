using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Sampling;

/// <summary>
/// <c>slice.jsonl</c>: one <see cref="SliceItem"/> per line, in trajectory id order, every field present:
/// <code>{"trajectory_id":"..","stratum":"..","reason":"random","annotators":2,"outcome":"resolved","gate_score":0.8,
///  "gate_verifier":"rules/2","gate_turns":[[3,3,2,3,3],..],"trajectory":{..}}</code>
/// (<c>gate_turns</c>: the gate's five scores per turn, in axis order, null where unscored).
/// </summary>
public static class SliceFile
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The items as JSON Lines, sorted by trajectory id.</summary>
    public static byte[] ToUtf8(IEnumerable<SliceItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var buffer = new MemoryStream();
        foreach (var item in items.OrderBy(i => i.TrajectoryId, StringComparer.Ordinal))
        {
            using (var json = new Utf8JsonWriter(buffer, s_options))
            {
                json.WriteStartObject();
                json.WriteString("trajectory_id", item.TrajectoryId);
                json.WriteString("stratum", item.Stratum);
                json.WriteString("reason", ReasonName(item.Reason));
                json.WriteNumber("annotators", item.Annotators);
                json.WriteString("outcome", item.Outcome);
                if (item.GateScore is { } score)
                {
                    json.WriteNumber("gate_score", Math.Round(score, 6));
                }
                else
                {
                    json.WriteNull("gate_score");
                }

                json.WriteString("gate_verifier", item.GateVerifier);
                json.WriteStartArray("gate_turns");
                foreach (var turn in item.GateTurns)
                {
                    json.WriteStartArray();
                    foreach (var value in turn.Values)
                    {
                        if (value is { } v)
                        {
                            json.WriteNumberValue(v);
                        }
                        else
                        {
                            json.WriteNullValue();
                        }
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WritePropertyName("trajectory");
                TrajectoryWriter.Write(json, item.Trajectory);
                json.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a slice file; problems name the file and line.</summary>
    public static IReadOnlyList<SliceItem> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads slice lines from <paramref name="stream"/>; <paramref name="path"/> names the source in errors.</summary>
    public static IReadOnlyList<SliceItem> Read(Stream stream, string path)
    {
        var items = new List<SliceItem>();
        var number = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var reason = root.GetProperty("reason").GetString() switch
                {
                    "random" => SliceReason.Random,
                    "uncertainty" => SliceReason.Uncertainty,
                    var other => throw new LabelFileException(path, number, $"unknown reason '{other}'", "random or uncertainty"),
                };
                items.Add(new SliceItem(
                    root.GetProperty("trajectory_id").GetString()!,
                    root.GetProperty("stratum").GetString()!,
                    reason,
                    root.GetProperty("annotators").GetInt32(),
                    TrajectoryReader.Read(root.GetProperty("trajectory")))
                {
                    Outcome = root.GetProperty("outcome").GetString()!,
                    GateScore = root.GetProperty("gate_score") is { ValueKind: JsonValueKind.Number } s ? s.GetDouble() : null,
                    GateVerifier = root.TryGetProperty("gate_verifier", out var verifier) ? verifier.GetString() : null,
                    GateTurns = root.TryGetProperty("gate_turns", out var turns)
                        ? [.. turns.EnumerateArray().Select(t => new TurnScores([.. t.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (int?)null : v.GetInt32())]))]
                        : [],
                });
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                throw new LabelFileException(path, number, $"not a slice item: {e.Message}", "slice files are written by the Verify stage (Verify/dataset/<name>/slice.jsonl)", e);
            }
        }

        return items;
    }

    /// <summary>The file name of <paramref name="reason"/>.</summary>
    public static string ReasonName(SliceReason reason) => reason switch
    {
        SliceReason.Random => "random",
        SliceReason.Uncertainty => "uncertainty",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
