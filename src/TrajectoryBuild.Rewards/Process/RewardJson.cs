using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Rewards.Outcome;

namespace TrajectoryBuild.Rewards.Process;

/// <summary>
/// Writes a <see cref="RewardRecord"/> as <c>reward.json</c>: fixed property order, scores rounded to 6 decimals, LF line
/// ends, so the same labels always give the same bytes (and the same digest).
/// </summary>
public static class RewardJson
{
    private static readonly JsonWriterOptions s_options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record as UTF-8 JSON, ending with a newline.</summary>
    public static byte[] ToUtf8(RewardRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            writer.WriteStartObject();
            writer.WriteString("trajectory_id", record.TrajectoryId);
            writer.WriteNumber("rules_version", record.RulesVersion);
            writer.WriteStartObject("outcome");
            Number(writer, "reward", record.Outcome.Reward);
            writer.WriteBoolean("resolved", record.Outcome.Resolved);
            Number(writer, "fail_to_pass", record.Outcome.FailToPass);
            Number(writer, "pass_to_pass", record.Outcome.PassToPass);
            writer.WriteString("evidence", record.Outcome.Evidence);
            writer.WriteEndObject();
            writer.WriteStartArray("steps");
            foreach (var step in record.Steps)
            {
                writer.WriteStartObject();
                writer.WriteNumber("step", step.Step);
                writer.WriteNumber("label", step.Label);
                Number(writer, "score", step.Score);
                writer.WriteString("source", step.Source);
                writer.WriteStartArray("signals");
                foreach (var signal in step.Signals)
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", signal.Source);
                    writer.WriteString("name", signal.Name);
                    writer.WriteNumber("label", signal.Label);
                    Number(writer, "score", signal.Score);
                    writer.WriteString("evidence", signal.Evidence);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads a <c>reward.json</c> back (what stage 8 packages); <see cref="ToUtf8"/> of the result gives the same bytes.</summary>
    public static RewardRecord Read(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var outcome = json["outcome"]!;
        return new RewardRecord(
            json["trajectory_id"]!.GetValue<string>(),
            new OutcomeReward(
                outcome["reward"]!.GetValue<double>(),
                outcome["resolved"]!.GetValue<bool>(),
                outcome["fail_to_pass"]?.GetValue<double>(),
                outcome["pass_to_pass"]?.GetValue<double>(),
                outcome["evidence"]!.GetValue<string>()),
            [
                .. json["steps"]!.AsArray().Select(step => new StepReward(
                    step!["step"]!.GetValue<int>(),
                    step["label"]!.GetValue<int>(),
                    step["score"]!.GetValue<double>(),
                    step["source"]!.GetValue<string>(),
                    [
                        .. step["signals"]!.AsArray().Select(signal => new StepSignal(
                            signal!["source"]!.GetValue<string>(),
                            signal["name"]!.GetValue<string>(),
                            signal["label"]!.GetValue<int>(),
                            signal["score"]!.GetValue<double>(),
                            signal["evidence"]!.GetValue<string>())),
                    ])),
            ],
            json["rules_version"]!.GetValue<int>());
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
