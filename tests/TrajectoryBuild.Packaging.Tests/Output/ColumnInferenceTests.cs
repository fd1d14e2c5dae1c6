using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Randomness;

namespace TrajectoryBuild.Packaging.Tests.Output;

/// <summary>
/// A row built in memory is inferred from the row itself (the Package stage's rows), any other from its bytes parsed:
/// both must give the columns and shapes of the same row written and parsed again.
/// </summary>
public sealed class ColumnInferenceTests
{
    public static TheoryData<string> Cases => [.. Rows().Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Add_ARowBuiltInMemory_InfersWhatItsWrittenBytesParsedGive(string name)
    {
        var rows = Rows()[name];
        var built = new ShardWriter.ColumnInference();
        var parsed = new ShardWriter.ColumnInference();

        foreach (var row in rows)
        {
            built.Add(row);
            using var document = JsonDocument.Parse(row.ToJsonString());
            parsed.Add(document.RootElement);
        }

        Describe(built).ShouldBe(Describe(parsed));
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(-0.0, true)]
    [InlineData(0.5, false)]
    [InlineData(1e20, false)]
    [InlineData(9007199254740992.0, true)]
    public void IsWhole_ADouble_IsWholeWhenItsWrittenTextIsAnInteger(double value, bool whole)
    {
        ShardFeatureInference.IsWhole(JsonValue.Create(value)).ShouldBe(whole, JsonValue.Create(value).ToJsonString());
    }

    [Fact]
    public void Append_RunsOfRowsInferredApart_InferWhatTheRowsInferredInOneRunGive()
    {
        // The shard writer infers each split's rows apart and appends the splits in order: that must be the inference of
        // all rows one after the other, whatever the rows (objects with other keys, empty, with a key twice, nested in
        // lists) and wherever the runs are cut (runs of no row included), and rows added after it must be taken as they
        // would have been.
        var random = new SplitMix64(0x5EED_C01);
        for (var example = 0; example < 3000; example++)
        {
            var texts = Enumerable.Range(0, 1 + random.Next(8)).Select(_ => Row(random, repeats: example % 2 == 0)).ToList();
            var cuts = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(texts.Count + 1)).Append(0).Append(texts.Count).Order().ToList();
            var documents = texts.Select(t => JsonDocument.Parse(t)).ToList();
            try
            {
                var whole = new ShardWriter.ColumnInference();
                documents.ForEach(d => whole.Add(d.RootElement));
                var appended = new ShardWriter.ColumnInference();
                var builtWhole = new ShardWriter.ColumnInference();
                var builtAppended = new ShardWriter.ColumnInference();
                for (var run = 1; run < cuts.Count; run++)
                {
                    var part = new ShardWriter.ColumnInference();
                    var builtPart = new ShardWriter.ColumnInference();
                    for (var row = cuts[run - 1]; row < cuts[run]; row++)
                    {
                        part.Add(documents[row].RootElement);
                        if (example % 2 == 1)
                        {
                            builtWhole.Add(JsonNode.Parse(texts[row])!.AsObject());
                            builtPart.Add(JsonNode.Parse(texts[row])!.AsObject());
                        }
                    }

                    appended.Append(part);
                    builtAppended.Append(builtPart);
                }

                // Rows may still come after an append: the last row and the first once more, to both.
                foreach (var again in new[] { documents[^1], documents[0] })
                {
                    whole.Add(again.RootElement);
                    appended.Add(again.RootElement);
                }

                var because = $"rows {string.Join(" ", texts)} cut at {string.Join(",", cuts)}, then the last and the first again";
                Describe(appended).ShouldBe(Describe(whole), because);
                Describe(builtAppended).ShouldBe(Describe(builtWhole), because);
            }
            finally
            {
                documents.ForEach(d => d.Dispose());
            }
        }
    }

    [Fact]
    public void Add_AnObjectWithAKeyTwice_IsNoStruct()
    {
        // Two keys of one object counted as the first object's two keys made {"a":1,"a":2} pass for {"a","b"}.
        var inference = new ShardWriter.ColumnInference();
        foreach (var text in new[] { """{"x":{"a":1,"b":2}}""", """{"x":{"a":1,"a":2}}""" })
        {
            using var document = JsonDocument.Parse(text);
            inference.Add(document.RootElement);
        }

        Describe(inference).ShouldBe(["x: Json free(objects with different keys)"]);
    }

    // A row of up to four columns, each value drawn from every kind the inference tells apart; with repeats, an object may
    // hold a key twice (JSON text only: a JsonObject cannot).
    private static string Row(SplitMix64 random, bool repeats) => Object(random, ["id", "p", "q", "r"], depth: 0, repeats, allowEmpty: false);

    private static string Object(SplitMix64 random, string[] keys, int depth, bool repeats, bool allowEmpty = true)
    {
        var chosen = keys.Where(_ => random.Next(3) > 0).OrderBy(_ => random.Next(100)).ToList();
        if (chosen.Count == 0 && !allowEmpty)
        {
            chosen.Add(keys[random.Next(keys.Length)]);
        }

        if (repeats && chosen.Count > 0 && random.Next(6) == 0)
        {
            chosen.Add(chosen[random.Next(chosen.Count)]);
        }

        return "{" + string.Join(",", chosen.Select(k => $"\"{k}\":{Value(random, depth + 1, repeats)}")) + "}";
    }

    private static string Value(SplitMix64 random, int depth, bool repeats) => random.Next(depth > 2 ? 5 : 8) switch
    {
        0 => "null",
        1 => "\"s\"",
        2 => random.Next(2) == 0 ? "true" : "false",
        3 => random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture),
        4 => "0.5",
        5 or 6 => Object(random, ["a", "b", "c"], depth, repeats),
        _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1, repeats))) + "]",
    };

    private static List<string> Describe(ShardWriter.ColumnInference inference) =>
        [.. inference.Result().Select(c => $"{c.Name}: {c.Type} {c.Shape}")];

    private static Dictionary<string, JsonObject[]> Rows() => new()
    {
        ["numbers of every CLR type"] =
        [
            new JsonObject { ["i"] = 1, ["l"] = long.MaxValue, ["d"] = 1.0, ["m"] = 1.0m, ["f"] = 2.5f, ["u"] = ulong.MaxValue, ["s"] = (short)3, ["big"] = 1e20 },
            new JsonObject { ["i"] = 2, ["l"] = -1L, ["d"] = 2.0, ["m"] = 2m, ["f"] = 3f, ["u"] = 1UL, ["s"] = (short)-3, ["big"] = 1e3 },
        ],
        ["whole and real numbers in one column"] = [new JsonObject { ["x"] = 1 }, new JsonObject { ["x"] = 0.25 }, new JsonObject { ["x"] = 3.0 }],
        ["nulls, missing and late columns"] = [new JsonObject { ["a"] = null }, new JsonObject { ["b"] = "t" }, new JsonObject { ["a"] = true, ["b"] = null }],
        ["mixed kinds"] = [new JsonObject { ["x"] = "s" }, new JsonObject { ["x"] = new JsonObject { ["k"] = 1 } }, new JsonObject { ["x"] = false }],
        ["messages with optional keys"] =
        [
            new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi", ["weight"] = 0 }, new JsonObject { ["role"] = "assistant", ["content"] = "ok", ["weight"] = 1 }) },
            new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "tool", ["content"] = "x", ["tool_call_id"] = "c1", ["weight"] = 0 }) },
        ],
        ["objects with the same keys in another order"] =
        [
            new JsonObject { ["p"] = new JsonObject { ["a"] = 1, ["b"] = "s" } },
            new JsonObject { ["p"] = new JsonObject { ["b"] = "t", ["a"] = 2.5 } },
        ],
        ["empty objects and lists"] = [new JsonObject { ["o"] = new JsonObject(), ["l"] = new JsonArray() }, new JsonObject { ["o"] = new JsonObject(), ["l"] = new JsonArray(null, 1) }],
        ["lists of lists and nulls"] = [new JsonObject { ["l"] = new JsonArray(new JsonArray(1, 2), new JsonArray()) }, new JsonObject { ["l"] = new JsonArray(new JsonArray(0.5), null) }],
        ["values parsed from text"] = [JsonNode.Parse("""{"e":{"n":1.0,"w":3,"s":"\u00e9","b":true,"z":null},"n":12345678901234567890}""")!.AsObject()],
    };
}
