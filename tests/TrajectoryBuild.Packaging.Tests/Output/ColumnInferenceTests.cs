using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Packaging.Output;

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
